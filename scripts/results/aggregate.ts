/**
 * From run records to the numbers of the report: grid selection, per-method mean ± std over
 * seeds, paired comparisons against FT with a t-test, and the paper claims. Pure functions.
 *
 * Model selection: a run is represented by its last evaluation (the end of training), unless a
 * table says "best ID validation" (the evaluation with the highest ID validation accuracy).
 */
import type { ShiftId } from '../../src/engine/shifts/types';
import { latestPerKey, type EvalNumbers, type RunRecord } from './records';
import { REFERENCE_METHOD, type MethodSpec } from './scenarios';
import type { ClaimDef, ClaimPart } from '../../src/engine/methods/spec';
import { allSpecs } from '../../src/engine/methods/specs';
import { mean, pairedTTest, std, type PairedTest } from '../../src/stats/studentT';

export const SIGNIFICANCE = 0.05;

export type Selection = 'last' | 'bestVal';

export const METRICS = ['idAcc', 'oodMean', 'oodWorst', 'distId', 'distOod', 'seconds'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABEL: Record<Metric, string> = {
  idAcc: 'ID acc',
  oodMean: 'OOD mean',
  oodWorst: 'OOD worst',
  distId: 'distortion ID (ℓ2)',
  distOod: 'distortion OOD (ℓ2)',
  seconds: 'run time (s)',
};

export function metricOf(r: RunRecord, metric: Metric, selection: Selection = 'last'): number {
  if (metric === 'seconds') return r.seconds;
  const e: EvalNumbers | null = r[selection];
  if (!e) return Number.NaN;
  switch (metric) {
    case 'idAcc': return e.idAcc;
    case 'oodMean': return e.oodMean;
    case 'oodWorst': return e.oodWorst;
    case 'distId': return e.distortion.id.l2;
    case 'distOod': return e.distortion.ood.l2;
  }
}

export interface Stat { mean: number; std: number; n: number }

export function stat(xs: readonly number[]): Stat {
  return { mean: mean(xs), std: std(xs), n: xs.length };
}

// ---------------------------------------------------------------- grid selection

/** Newest finished first (a run repeated with changed settings supersedes the older one). */
export function newestFirst(runs: readonly RunRecord[]): RunRecord[] {
  return [...runs].sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt));
}

export interface GridPoint {
  value: number;
  /** the seed-0 run at this value (latest), if any */
  run?: RunRecord;
  /** ID validation accuracy of its last evaluation; undefined when not run, failed or diverged */
  valAcc?: number;
}

export interface GridResult {
  points: GridPoint[];
  /** the chosen value, undefined until a grid point has finished */
  chosen?: number;
  /** every point of the grid has a finished seed-0 run */
  complete: boolean;
}

/**
 * The grid point with the highest ID validation accuracy at the last evaluation of its seed-0
 * run; ties go to the smaller value. Diverged and failed runs are never chosen. OOD is not read.
 */
export function selectGridPoint(grid: readonly number[], runs: readonly RunRecord[], gridSeed = 0): GridResult {
  const points: GridPoint[] = [...grid].sort((a, b) => a - b).map((value) => {
    const candidates = newestFirst(latestPerKey(runs.filter((r) => r.seed === gridSeed && r.value === value)));
    const run = candidates.find((r) => r.status !== 'failed') ?? candidates[0];
    const valAcc = run && run.status === 'completed' && run.last ? run.last.valAcc : undefined;
    return { value, run, valAcc };
  });
  let chosen: GridPoint | undefined;
  for (const p of points) {
    if (p.valAcc === undefined) continue;
    if (!chosen || p.valAcc > chosen.valAcc!) chosen = p; // strict: an equal later (larger) value does not win
  }
  const complete = points.every((p) => p.run && p.run.status !== 'failed');
  return { points, chosen: chosen?.value, complete };
}

// ---------------------------------------------------------------- per-method summary

export interface MethodResult {
  label: string;
  spec: MethodSpec;
  grid: GridResult;
  /** completed runs of the chosen point, one per seed, by seed */
  runs: RunRecord[];
  seeds: number[];
  diverged: RunRecord[];
  failed: RunRecord[];
  last: Record<Metric, Stat>;
  bestVal: Record<Metric, Stat>;
  /** OOD accuracy per shift (last evaluation) */
  perShift: Partial<Record<ShiftId, Stat>>;
}

function stats(runs: readonly RunRecord[], selection: Selection): Record<Metric, Stat> {
  return Object.fromEntries(METRICS.map((m) => [m, stat(runs.map((r) => metricOf(r, m, selection)))])) as Record<Metric, Stat>;
}

/** The method's records (any grid point, any seed) → its chosen point's numbers over seeds. */
export function summarizeMethod(spec: MethodSpec, records: readonly RunRecord[]): MethodResult {
  const mine = latestPerKey(records.filter((r) => r.method === spec.label));
  const grid = selectGridPoint(spec.grid, mine);
  const atChosen = grid.chosen === undefined ? [] : mine.filter((r) => r.value === grid.chosen);
  // per seed the newest finished run (completed or diverged), else the newest failed one
  const bySeed = new Map<number, RunRecord>();
  for (const r of newestFirst(atChosen)) {
    const prev = bySeed.get(r.seed);
    if (!prev || (prev.status === 'failed' && r.status !== 'failed')) bySeed.set(r.seed, r);
  }
  const all = [...bySeed.values()].sort((a, b) => a.seed - b.seed);
  const runs = all.filter((r) => r.status === 'completed' && r.last);
  const shifts = [...new Set(runs.flatMap((r) => Object.keys(r.last!.ood)))] as ShiftId[];
  const perShift: Partial<Record<ShiftId, Stat>> = {};
  for (const s of shifts) perShift[s] = stat(runs.map((r) => r.last!.ood[s] ?? Number.NaN));
  return {
    label: spec.label,
    spec,
    grid,
    runs,
    seeds: runs.map((r) => r.seed),
    diverged: all.filter((r) => r.status === 'diverged'),
    failed: all.filter((r) => r.status === 'failed'),
    last: stats(runs, 'last'),
    bestVal: stats(runs, 'bestVal'),
    perShift,
  };
}

// ---------------------------------------------------------------- paired comparisons

export type Verdict = 'better beyond seed noise (p < 0.05)' | 'worse beyond seed noise (p < 0.05)' | 'no clear difference' | 'too few seeds to test';

export interface Paired extends PairedTest {
  a: string;
  b: string;
  metric: Metric;
  /** seeds both methods completed */
  seeds: number[];
  verdict: Verdict;
}

/** "better"/"worse" in the direction that is good for the metric (higher accuracy, lower distortion). */
export function verdictOf(test: Pick<PairedTest, 'meanDiff' | 'p'>, higherIsBetter = true): Verdict {
  if (Number.isNaN(test.p)) return 'too few seeds to test';
  if (test.p >= SIGNIFICANCE || test.meanDiff === 0) return 'no clear difference';
  return (test.meanDiff > 0) === higherIsBetter ? 'better beyond seed noise (p < 0.05)' : 'worse beyond seed noise (p < 0.05)';
}

export function higherIsBetter(metric: Metric): boolean {
  return metric === 'idAcc' || metric === 'oodMean' || metric === 'oodWorst';
}

/** a − b per seed (seeds both completed), mean ± std of the differences, paired t-test. */
export function pairedCompare(a: MethodResult, b: MethodResult, metric: Metric): Paired {
  const bBySeed = new Map(b.runs.map((r) => [r.seed, r]));
  const pairs = a.runs.filter((r) => bBySeed.has(r.seed)).map((r) => [r, bBySeed.get(r.seed)!] as const);
  const test = pairedTTest(pairs.map(([x]) => metricOf(x, metric)), pairs.map(([, y]) => metricOf(y, metric)));
  return { ...test, a: a.label, b: b.label, metric, seeds: pairs.map(([x]) => x.seed), verdict: verdictOf(test, higherIsBetter(metric)) };
}

export const PAIRED_METRICS: Metric[] = ['idAcc', 'oodMean', 'oodWorst'];

/** Every method against the reference (FT), on ID, OOD mean and OOD worst. */
export function pairedAgainstReference(results: readonly MethodResult[], reference = REFERENCE_METHOD): Paired[] {
  const ref = results.find((r) => r.label === reference);
  if (!ref) return [];
  return results.filter((r) => r.label !== reference && r.runs.length > 0).flatMap((r) => PAIRED_METRICS.map((m) => pairedCompare(r, ref, m)));
}

// ---------------------------------------------------------------- paper claims

export type ClaimVerdict = 'reproduces' | 'does not reproduce' | 'partly' | 'not applicable' | 'not measured';

export type { ClaimDef, ClaimPart } from '../../src/engine/methods/spec';

/** The papers' claims, from the method specs, in the order of their letters. */
export const CLAIMS: ClaimDef[] = allSpecs().flatMap((s) => s.claims ?? []).sort((x, y) => x.id.localeCompare(y.id));

export type PartOutcome = 'supported' | 'contradicted' | 'inconclusive';

export interface ClaimPartResult extends ClaimPart {
  test: Paired;
  outcome: PartOutcome;
}

export interface ClaimResult {
  def: ClaimDef;
  verdict: ClaimVerdict;
  parts: ClaimPartResult[];
  /** why the claim could not be checked */
  reason?: string;
}

/** A part holds when a − b has the expected sign with p < 0.05, and is contradicted when the opposite holds. */
export function partOutcome(part: ClaimPart, test: Pick<PairedTest, 'meanDiff' | 'p'>): PartOutcome {
  if (Number.isNaN(test.p) || test.p >= SIGNIFICANCE || test.meanDiff === 0) return 'inconclusive';
  return (test.meanDiff > 0) === (part.expect === 'higher') ? 'supported' : 'contradicted';
}

/**
 * A claim "reproduces" when every part is supported (right direction, p < 0.05), "partly" when
 * some are, "does not reproduce" when none is. A method the model cannot run makes it "not
 * applicable"; a method without finished seeds makes it "not measured".
 */
export function evaluateClaim(def: ClaimDef, results: readonly MethodResult[], skipped: ReadonlyMap<string, string> = new Map()): ClaimResult {
  const needed = [...new Set(def.parts.flatMap((p) => [p.a, p.b]))];
  const notApplicable = needed.find((l) => skipped.has(l));
  if (notApplicable) return { def, verdict: 'not applicable', parts: [], reason: `${notApplicable} does not run on this model: ${skipped.get(notApplicable)}` };
  const byLabel = new Map(results.map((r) => [r.label, r]));
  const missing = needed.filter((l) => (byLabel.get(l)?.runs.length ?? 0) < 2);
  if (missing.length) return { def, verdict: 'not measured', parts: [], reason: `fewer than 2 finished seeds of ${missing.join(', ')}` };
  const parts = def.parts.map((part) => {
    const test = pairedCompare(byLabel.get(part.a)!, byLabel.get(part.b)!, part.metric);
    return { ...part, test, outcome: partOutcome(part, test) };
  });
  const supported = parts.filter((p) => p.outcome === 'supported').length;
  const verdict: ClaimVerdict = supported === parts.length ? 'reproduces' : supported > 0 ? 'partly' : 'does not reproduce';
  return { def, verdict, parts };
}

// ---------------------------------------------------------------- matrix timing

/**
 * Wall time of the matrix: per runner session, from its start to the last run it finished,
 * summed over sessions (a resumed matrix adds its sessions; idle time between them is not counted).
 */
export function matrixWallSeconds(runs: readonly RunRecord[], sessions: readonly { id: string; startedAt: string }[]): number {
  const start = new Map(sessions.map((s) => [s.id, Date.parse(s.startedAt)]));
  const bySession = new Map<string, { first: number; last: number }>();
  for (const r of runs) {
    const s = bySession.get(r.session) ?? { first: Infinity, last: -Infinity };
    s.first = Math.min(s.first, start.get(r.session) ?? Date.parse(r.startedAt));
    s.last = Math.max(s.last, Date.parse(r.finishedAt));
    bySession.set(r.session, s);
  }
  let total = 0;
  for (const { first, last } of bySession.values()) total += Math.max(0, last - first) / 1000;
  return total;
}
