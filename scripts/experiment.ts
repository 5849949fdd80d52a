/**
 * The headless runner: the same engine and config schema as the page, in Node.
 *   npm run experiment -- <config.json> [--out runs/<name>] [--backend wasm|cpu] [--quiet] [--runs-json <file>]
 * The config may be partial (missing fields take the page's defaults). Writes <out>/events.jsonl
 * (one run event per line, as the worker sends them to the page) and <out>/summary.json; with
 * --runs-json also the run as a runs file (the page's export/import format, src/protocol/runFile.ts)
 * that the page's Runs tab imports. The page also imports events.jsonl + summary.json directly.
 */
import { mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { zooLookup } from '../src/engine/config/modelLookup';
import type { RunConfig } from '../src/engine/config/schema';
import { validateConfig, withDefaults } from '../src/engine/config/validate';
import type { RunEvent, RunSummary } from '../src/engine/training/events';
import { buildRunFile, serialiseRunFile } from '../src/protocol/runFile';
import { runTraining } from '../src/engine/training/run';
import { publicDirReader } from './node/fileAssets';
import { useNodeBackend, type NodeBackend } from './node/tfNode';

export interface ExperimentOptions {
  outDir?: string;
  backend?: NodeBackend;
  quiet?: boolean;
  onEvent?: (e: RunEvent) => void;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function parseConfig(input: unknown): RunConfig {
  const result = validateConfig(withDefaults(input), zooLookup);
  if (!result.ok) throw new Error(`invalid config:\n  ${result.errors.map((e) => e.message).join('\n  ')}`);
  return result.config;
}

export async function runExperiment(config: RunConfig, opts: ExperimentOptions = {}): Promise<RunSummary> {
  await useNodeBackend(opts.backend ?? 'wasm');
  const log = (m: string) => { if (!opts.quiet) console.log(m); };
  const eventsPath = opts.outDir ? join(opts.outDir, 'events.jsonl') : undefined;
  if (opts.outDir) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(eventsPath!, '');
  }
  let stopRequested = false;
  const onSigint = () => { stopRequested = true; log('stopping after this step…'); };
  process.once('SIGINT', onSigint);
  try {
    return await runTraining(config, {
      reader: publicDirReader(),
      control: { checkpoint: () => new Promise((resolve) => setImmediate(() => resolve(stopRequested))) },
      emit: (e) => {
        if (eventsPath) appendFileSync(eventsPath, `${JSON.stringify(e)}\n`);
        opts.onEvent?.(e);
        if (e.type === 'status' && e.status !== 'evaluating' && e.status !== 'training') log(`[${e.status}] ${e.message}`);
        if (e.type === 'eval') {
          const r = e.record;
          log(`step ${String(r.step).padStart(5)} ${r.phase.padEnd(8)} ID ${pct(r.idAcc)}  val ${pct(r.valAcc)}  OOD mean ${pct(r.oodMean)} worst ${pct(r.oodWorst)} (${r.worstShift})  distortion ID ${r.distortion.id.l2.toFixed(3)} OOD ${r.distortion.ood.l2.toFixed(3)}  (${r.evalMs.toFixed(0)} ms)`);
        }
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' }, backend: { type: 'string', default: 'wasm' }, quiet: { type: 'boolean', default: false },
      'runs-json': { type: 'string' },
    },
  });
  if (positionals.length !== 1) {
    console.error('usage: npm run experiment -- <config.json> [--out runs/<name>] [--backend wasm|cpu] [--runs-json <file>]');
    process.exit(2);
  }
  const file = positionals[0];
  let config: RunConfig;
  try {
    config = parseConfig(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    console.error(`${file}: ${(e as Error).message}`);
    process.exit(2);
  }
  const outDir = values.out ?? join('runs', `${basename(file, '.json')}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const runsJson = values['runs-json'];
  const events: RunEvent[] = [];
  runExperiment(config, { outDir, backend: values.backend as NodeBackend, quiet: values.quiet, onEvent: runsJson ? (e) => events.push(e) : undefined })
    .then((summary) => {
      writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
      if (runsJson) {
        const label = `${basename(file, '.json')} · seed ${config.seed}`;
        writeFileSync(runsJson, serialiseRunFile(buildRunFile([{ config, events, summary, label }], 'npm run experiment')));
        console.log(`wrote ${runsJson} (runs file: import it in the page's Runs tab)`);
      }
      const last = summary.last;
      console.log(`${summary.status}: ${summary.stepsDone}/${summary.totalSteps} steps in ${summary.seconds.toFixed(1)} s (${summary.stepsPerSec.toFixed(2)} steps/s, eval ${pct(summary.evalShare)} of wall time)`);
      if (last) console.log(`last: ID ${pct(last.idAcc)}, OOD mean ${pct(last.oodMean)}, worst ${pct(last.oodWorst)}; best-val step ${summary.bestVal?.step}: ID ${pct(summary.bestVal?.idAcc ?? 0)}, OOD ${pct(summary.bestVal?.oodMean ?? 0)}`);
      console.log(`wrote ${outDir}/events.jsonl and summary.json`);
      if (summary.status === 'diverged') process.exit(3);
    })
    .catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
}
