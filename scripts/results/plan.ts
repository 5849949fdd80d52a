/**
 * What to run next: the grid of every method on seed 0, then (once a method's grid has finished)
 * the further seeds of its chosen point. Pure: given the records already in the results file and
 * the runs started in this session, it lists the runs that are ready. This is also --resume:
 * a run whose config is already in the file (finished) is never listed again.
 */
import { validateConfig, type ModelLookup } from '../../src/engine/config/validate';
import type { RunConfig } from '../../src/engine/config/schema';
import { selectGridPoint } from './aggregate';
import { configKey, doneKeys, latestPerKey, type RunRecord } from './records';
import { labelOf, methodSkipReason, runConfigFor, type MethodSpec, type Scenario } from './scenarios';

export const GRID_SEED = 0;

export interface Job {
  key: string;
  spec: MethodSpec;
  value: number;
  seed: number;
  stage: 'grid' | 'seeds';
  config: RunConfig;
}

export interface Plan {
  scenario: Scenario;
  model: string;
  seeds: number;
  quick: boolean;
  methods: MethodSpec[];
  /** methods the model cannot run, with the compatibility rule's reason */
  skipped: { spec: MethodSpec; reason: string }[];
}

export function makePlan(opts: {
  scenario: Scenario; methods: readonly MethodSpec[]; seeds: number; quick: boolean; lookup: ModelLookup; model?: string;
}): Plan {
  const model = opts.model ?? opts.scenario.model;
  const traits = opts.lookup(model);
  if (!traits) throw new Error(`unknown model ${model}`);
  if (!(opts.seeds >= 1)) throw new Error('--seeds must be ≥ 1');
  const methods: MethodSpec[] = [];
  const skipped: Plan['skipped'] = [];
  for (const spec of opts.methods) {
    const reason = methodSkipReason(spec, traits, model);
    if (reason) skipped.push({ spec, reason });
    else methods.push(spec);
  }
  return { scenario: opts.scenario, model, seeds: opts.seeds, quick: opts.quick, methods, skipped };
}

export function jobFor(plan: Plan, spec: MethodSpec, value: number, seed: number, stage: Job['stage'], lookup: ModelLookup): Job {
  const result = validateConfig(runConfigFor(plan.scenario, spec, value, seed, plan.quick, plan.model), lookup);
  if (!result.ok) throw new Error(`${spec.label} ${spec.param}=${value} seed ${seed}: invalid config:\n  ${result.errors.map((e) => e.message).join('\n  ')}`);
  if (labelOf(result.config.method) !== spec.label) throw new Error(`${spec.label}: its config reads as ${labelOf(result.config.method) ?? 'a method outside the matrix'}`);
  return { key: configKey(result.config), spec, value, seed, stage, config: result.config };
}

export interface MethodProgress {
  spec: MethodSpec;
  /** runs this method needs in all: its grid and seeds 1…n−1 of the chosen point */
  planned: number;
  /** of those, finished (in the file) */
  done: number;
  /** of those, tried in this session and failed */
  failed: number;
  chosen?: number;
}

/**
 * The runs ready to start, further seeds of chosen points first (so methods finish one by one),
 * then grid points in method order; and each method's progress.
 * `attempted`: keys started in this session (running, or finished/failed in it) — never listed again;
 * `running`: those of them still in progress (a grid is settled only when none of its points runs).
 */
export function pendingJobs(
  plan: Plan, records: readonly RunRecord[], attempted: ReadonlySet<string>, running: ReadonlySet<string>, lookup: ModelLookup,
): { ready: Job[]; progress: MethodProgress[] } {
  const done = doneKeys(records);
  const latest = latestPerKey(records);
  const failedHere = (key: string) => attempted.has(key) && !done.has(key) && !running.has(key);
  const seedJobs: Job[] = [];
  const gridJobs: Job[] = [];
  const progress: MethodProgress[] = [];
  for (const spec of plan.methods) {
    const grid = spec.grid.map((v) => jobFor(plan, spec, v, GRID_SEED, 'grid', lookup));
    for (const j of grid) if (!done.has(j.key) && !attempted.has(j.key)) gridJobs.push(j);
    const gridSettled = grid.every((j) => done.has(j.key) || failedHere(j.key));
    const prog: MethodProgress = { spec, planned: grid.length + plan.seeds - 1, done: grid.filter((j) => done.has(j.key)).length, failed: grid.filter((j) => failedHere(j.key)).length };
    if (gridSettled) {
      const gridKeys = new Set(grid.map((j) => j.key));
      const chosen = selectGridPoint(spec.grid, latest.filter((r) => gridKeys.has(r.key)), GRID_SEED).chosen;
      prog.chosen = chosen;
      if (chosen !== undefined) {
        for (let seed = 0; seed < plan.seeds; seed++) {
          if (seed === GRID_SEED) continue;
          const j = jobFor(plan, spec, chosen, seed, 'seeds', lookup);
          if (done.has(j.key)) prog.done++;
          else if (failedHere(j.key)) prog.failed++;
          else if (!attempted.has(j.key)) seedJobs.push(j);
        }
      } else {
        prog.failed += plan.seeds - 1; // no grid point finished: nothing to repeat
      }
    }
    progress.push(prog);
  }
  return { ready: [...seedJobs, ...gridJobs], progress };
}
