/**
 * Measures the teaching scenarios' Quick size: every run of a scenario at its Quick settings over
 * seeds 0…n−1 with the headless runner's engine (Node, wasm, one thread, in this process), and
 * writes what each run reached at the end of training into src/ui/presets/scenarioData.json,
 * which the scenario text quotes (a unit test checks the quotes and the effects against it).
 *   npx tsx scripts/measure/quickSizes.ts [--preset why-ft-hurts-ood,ftlp-prior] [--seeds 3] [--effect-runs] [--dry]
 * A run whose training is identical to one already measured for another scenario (the same settings
 * once a switched-off regulariser's strength is ignored, the same seed) is taken from there, not run
 * again: FT at lr 2e-3 is the comparison run of four scenarios.
 * --effect-runs measures only the runs the scenario's Quick effects name (a scenario of five runs whose
 * effect is FT against LP: those two).
 * --dry prints the results without writing the file. A page timing already in the file is kept while
 * the scenario's Quick settings stay the same. The page's own wall time of a Quick run is
 * measured separately (scripts/measure/scenarioRun.ts --size quick --one) and added with --page.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import { MODIFIER_IDS, type RunConfig } from '../../src/engine/config/schema';
import { presetById, presetRunConfig, PRESETS } from '../../src/ui/presets/presets';
import type { QuickMeasurement, RunOutcome, ScenarioData } from '../../src/ui/presets/scenarioData';
import { parseConfig, runExperiment } from '../experiment/runOne';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCENARIO_DATA = join(ROOT, 'src/ui/presets/scenarioData.json');

const { values } = parseArgs({
  options: {
    preset: { type: 'string' },
    seeds: { type: 'string', default: '3' },
    dry: { type: 'boolean', default: false },
    'effect-runs': { type: 'boolean', default: false },
  },
});

const ids = values.preset ? values.preset.split(',') : PRESETS.map((p) => p.id);
const seeds = Number(values.seeds);
const round = (x: number, d: number) => Number(x.toFixed(d));

/** The config as training sees it: a switched-off regulariser's strength does not matter. */
function trainingKey(config: RunConfig): string {
  const method: Record<string, unknown> = { ...config.method };
  for (const m of MODIFIER_IDS) if (!config.method[m].enabled) method[m] = DEFAULT_CONFIG.method[m];
  return JSON.stringify({ ...config, method });
}

/** An outcome already measured at this size for a run with the same training, from any scenario. */
function alreadyMeasured(config: RunConfig, seed: number): { outcome: RunOutcome; from: string } | undefined {
  if (!existsSync(SCENARIO_DATA)) return undefined;
  const data = JSON.parse(readFileSync(SCENARIO_DATA, 'utf8')) as ScenarioData;
  const key = trainingKey({ ...config, seed: 0 });
  for (const [id, m] of Object.entries(data.quick)) {
    const preset = presetById(id);
    if (!preset || m.settings !== preset.quick.what) continue;
    for (const run of m.runs) {
      const i = preset.runs.findIndex((r) => r.label === run.label);
      const o = run.outcomes.find((x) => x.seed === seed && !x.from);
      if (i >= 0 && o && trainingKey({ ...presetRunConfig(preset, i, 'quick'), seed: 0 }) === key) return { outcome: o, from: id };
    }
  }
  return undefined;
}

for (const id of ids) {
  const preset = presetById(id);
  if (!preset) throw new Error(`no scenario ${id} (known: ${PRESETS.map((p) => p.id).join(', ')})`);
  const startedAt = new Date();
  const load = [loadavg()[0]];
  const runs: QuickMeasurement['runs'] = [];
  const named = new Set(preset.quick.effects.flatMap((e) => [e.higher, e.lower]));
  for (let i = 0; i < preset.runs.length; i++) {
    if (values['effect-runs'] && !named.has(preset.runs[i].label)) continue;
    const outcomes: RunOutcome[] = [];
    for (let seed = 0; seed < seeds; seed++) {
      const config = parseConfig({ ...presetRunConfig(preset, i, 'quick'), seed });
      const known = alreadyMeasured(config, seed);
      if (known) {
        outcomes.push({ ...known.outcome, from: known.from });
        console.log(`${id} · ${preset.runs[i].label} · seed ${seed}: the same training as ${known.from}'s, taken from there`);
        continue;
      }
      const t0 = performance.now();
      const summary = await runExperiment(config, { quiet: true, stopOnSigint: false });
      const last = summary.last;
      if (!last) throw new Error(`${id} ${preset.runs[i].label} seed ${seed}: no evaluation (${summary.status})`);
      const outcome: RunOutcome = {
        seed, idAcc: round(last.idAcc, 4), oodMean: round(last.oodMean, 4), oodWorst: round(last.oodWorst, 4),
        distortion: round(last.distortion.id.l2, 3), seconds: round((performance.now() - t0) / 1000, 1),
      };
      outcomes.push(outcome);
      load.push(loadavg()[0]);
      console.log(`${id} · ${preset.runs[i].label} · seed ${seed}: ID ${(outcome.idAcc * 100).toFixed(1)} % · OOD ${(outcome.oodMean * 100).toFixed(1)} % · worst ${(outcome.oodWorst * 100).toFixed(1)} % · distortion ${outcome.distortion} · ${outcome.seconds} s`);
    }
    runs.push({ label: preset.runs[i].label, outcomes });
  }
  const measured: QuickMeasurement = {
    command: `npx tsx scripts/measure/quickSizes.ts --preset ${id} --seeds ${seeds}${values['effect-runs'] ? ' --effect-runs' : ''}`,
    date: startedAt.toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim().split(' ').slice(0, 2).join(' ')}, Node ${process.version}, wasm 1 thread; 1-minute load ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} while it ran`,
    settings: preset.quick.what,
    runs,
  };
  if (values.dry) {
    console.log(JSON.stringify(measured, null, 1));
    continue;
  }
  // read the file again just before writing (the page's timing may have been recorded meanwhile), and
  // after each scenario, so an interrupted measurement keeps what it finished
  const data: ScenarioData = existsSync(SCENARIO_DATA) ? JSON.parse(readFileSync(SCENARIO_DATA, 'utf8')) : { quick: {} };
  const page = data.quick[id]?.settings === measured.settings ? data.quick[id]?.page : undefined;
  data.quick[id] = { ...measured, ...(page ? { page } : {}) };
  writeFileSync(SCENARIO_DATA, `${JSON.stringify(data, null, 1)}\n`);
  console.log(`wrote ${id} into ${SCENARIO_DATA}`);
}
