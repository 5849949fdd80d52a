/**
 * Comparing runs: group them by their config without the seed (one group = one method setting over
 * several seeds), summarise each group as mean ± std over seeds under a model-selection rule, and
 * shape per-step curves into a mean line and a band across seeds for the charts. Pure, so the
 * compare view stays thin and this is unit-tested.
 */
import type { RunConfig } from '../../engine/config/schema';
import { isFinalStatus, type EvalRecord, type RunSummary } from '../../engine/training/events';
import type { DistortionMetric } from '../charts/chartData';
import type { RunView } from '../store/runView';
import type { Point } from '../store/series';
import { zooEntry } from '../../engine/models/zoo';
import { groupLabel } from './configDiff';

/** Which evaluation of a run the table reports: its last one, or the one with the best ID validation accuracy. */
export type SelectionRule = 'last' | 'bestVal';

export const SELECTION_RULES: { id: SelectionRule; label: string; explanation: string }[] = [
  { id: 'last', label: 'last step', explanation: 'each run is scored at its last evaluation (the model as training left it)' },
  {
    id: 'bestVal', label: 'best ID validation',
    explanation: 'each run is scored at the evaluation with the highest accuracy on the target validation split (chosen without looking at OOD data)',
  },
];

export interface Stat {
  /** how many finite values went in */
  n: number;
  mean: number;
  /** sample standard deviation (n − 1); NaN below two values */
  std: number;
  min: number;
  max: number;
}

export function stat(values: readonly number[]): Stat {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n === 0) return { n, mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const std = n < 2 ? Number.NaN : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { n, mean, std, min: Math.min(...xs), max: Math.max(...xs) };
}

/** JSON with sorted keys, so two equal configs built in different orders give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Runs with the same key differ only in their seed. */
export function groupKey(config: RunConfig): string {
  const { seed: _seed, ...rest } = config;
  return canonicalJson(rest);
}

export interface RunGroup {
  key: string;
  /** the first run's config (its seed is that run's) */
  config: RunConfig;
  runs: RunView[];
}

/** Groups in the order their first run appears. */
export function groupRuns(runs: readonly RunView[]): RunGroup[] {
  const groups = new Map<string, RunGroup>();
  for (const run of runs) {
    const key = groupKey(run.config);
    const g = groups.get(key);
    if (g) g.runs.push(run);
    else groups.set(key, { key, config: run.config, runs: [run] });
  }
  return [...groups.values()];
}

export function selectedRecord(summary: RunSummary | null, rule: SelectionRule): EvalRecord | null {
  if (!summary) return null;
  return rule === 'last' ? summary.last : summary.bestVal;
}

export interface ResultRow {
  key: string;
  label: string;
  /** position of the group in the comparison (its colour) */
  index: number;
  config: RunConfig;
  /** seeds of the runs that count (completed) */
  seeds: number[];
  /** runs still waiting or training */
  pending: number;
  /** runs that do not count, by why: "1 diverged", "1 stopped" */
  excluded: string[];
  idAcc: Stat;
  oodMean: Stat;
  oodWorst: Stat;
  distortionId: Stat;
  distortionOod: Stat;
  /** wall-clock seconds of each run (loading, training and evaluation) */
  seconds: Stat;
  /** each counted run's numbers by its seed (paired tests match seeds across rows) */
  perSeed: Map<number, SeedValues>;
  /** the backbone cannot move (a linear probe, or every block frozen): its feature distortion is 0 by construction */
  frozen: boolean;
}

/** The numbers of one run that the table reports. */
export interface SeedValues {
  idAcc: number;
  oodMean: number;
  oodWorst: number;
  distortionId: number;
  distortionOod: number;
  seconds: number;
}

/** The table's columns that hold a stat per row. */
export type MetricId = keyof SeedValues;

/**
 * Whether fine-tuning leaves the pretrained features untouched: LP trains only a head on cached
 * features, Frozen-k with k = all blocks is the same. (Their measured distortion is float noise,
 * about 1e-6, from evaluating the same network in another batch order.)
 */
export function backboneFrozen(config: RunConfig): boolean {
  if (config.method.kind === 'lp') return true;
  const blocks = zooEntry(config.model)?.blockCount;
  return config.method.kind === 'frozen-k' && blocks !== undefined && config.method.frozenBlocks >= blocks;
}

/**
 * One row per group. Only completed runs count: a stopped, diverged, failed or interrupted run has
 * no comparable end point, so it is listed beside the numbers instead of averaged into them.
 * `interrupted` holds ids of runs a reload cut short.
 */
export function resultRows(
  groups: readonly RunGroup[], base: RunConfig, rule: SelectionRule, metric: DistortionMetric = 'l2',
  interrupted: ReadonlySet<string> = new Set(), baseName: string | null = 'current settings',
): ResultRow[] {
  return groups.map((g, index) => {
    const counted: { seed: number; record: EvalRecord; seconds: number }[] = [];
    const why = new Map<string, number>();
    let pending = 0;
    for (const run of g.runs) {
      const record = selectedRecord(run.summary, rule);
      if (interrupted.has(run.id)) why.set('interrupted', (why.get('interrupted') ?? 0) + 1);
      else if (!isFinalStatus(run.status)) pending++;
      else if (run.status !== 'completed' || !record) why.set(run.status, (why.get(run.status) ?? 0) + 1);
      else counted.push({ seed: run.config.seed, record, seconds: run.summary?.seconds ?? Number.NaN });
    }
    const of = (f: (r: EvalRecord) => number) => stat(counted.map((c) => f(c.record)));
    const perSeed = new Map<number, SeedValues>(counted.map((c) => [c.seed, {
      idAcc: c.record.idAcc, oodMean: c.record.oodMean, oodWorst: c.record.oodWorst,
      distortionId: c.record.distortion.id[metric], distortionOod: c.record.distortion.ood[metric], seconds: c.seconds,
    }]));
    return {
      key: g.key, label: groupLabel(base, g.config, baseName), index, config: g.config,
      seeds: counted.map((c) => c.seed).sort((a, b) => a - b),
      pending,
      excluded: [...why].map(([status, count]) => `${count} ${status}`),
      idAcc: of((r) => r.idAcc),
      oodMean: of((r) => r.oodMean),
      oodWorst: of((r) => r.oodWorst),
      distortionId: of((r) => r.distortion.id[metric]),
      distortionOod: of((r) => r.distortion.ood[metric]),
      seconds: stat(counted.map((c) => c.seconds)),
      perSeed,
      frozen: backboneFrozen(g.config),
    };
  });
}

/** "97.1 ± 0.4 %" for fractions shown as percentages; "97.1 %" for one value; "–" for none. */
export function formatStatPercent(s: Stat, digits = 1): string {
  if (s.n === 0) return '–';
  const m = (s.mean * 100).toFixed(digits);
  return s.n < 2 ? `${m} %` : `${m} ± ${(s.std * 100).toFixed(digits)} %`;
}

/** Decimals that show three significant digits of `v` (0 … 6). */
export function valueDecimals(v: number): number {
  return Math.max(0, Math.min(6, 2 - Math.floor(Math.log10(Math.abs(v) || 1))));
}

/**
 * "2.41 ± 0.12" with three significant digits on the mean and the std to the same decimal place;
 * "0 (frozen)" where the backbone cannot move (what is measured there is float noise, not distortion).
 */
export function formatStatValue(s: Stat, frozen = false): string {
  if (s.n === 0) return '–';
  if (frozen) return '0 (frozen)';
  // float noise around zero (a frozen backbone's distortion): exponent notation, not a row of zeros
  if (s.mean !== 0 && Math.abs(s.mean) < 1e-3) return s.n < 2 ? s.mean.toExponential(1) : `${s.mean.toExponential(1)} ± ${s.std.toExponential(1)}`;
  const decimals = valueDecimals(s.mean);
  const m = s.mean.toFixed(decimals);
  return s.n < 2 ? m : `${m} ± ${s.std.toFixed(decimals)}`;
}

/** A duration as people read it: "4.2 s", "28 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  const total = Math.round(seconds);
  if (total < 3600) return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, '0')} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * Run time over seeds: "28 s", "3 min 05 s ± 12 s". The spread is shown in seconds where it is
 * visible at the mean's precision (a spread that rounds to 0 is left out; the tooltip gives min and max).
 */
export function formatStatSeconds(s: Stat): string {
  if (s.n === 0) return '–';
  const m = formatDuration(s.mean);
  if (s.n < 2 || !Number.isFinite(s.std)) return m;
  const precision = s.mean < 9.95 ? 0.05 : 0.5;
  if (s.std < precision) return m;
  return `${m} ± ${s.std < 9.95 ? s.std.toFixed(1) : Math.round(s.std)} s`;
}

// ---------- curves: a mean line and a band per group ----------

/** What a compare chart draws per run. */
export type CurveMetric =
  | { kind: 'loss' }
  | { kind: 'idAcc' } | { kind: 'oodMean' } | { kind: 'oodWorst' }
  | { kind: 'distortion'; side: 'id' | 'ood'; measure: DistortionMetric };

export function curveOf(run: RunView, metric: CurveMetric): Point[] {
  switch (metric.kind) {
    case 'loss': return run.loss;
    case 'idAcc': return run.evals.map((e) => ({ x: e.step, y: e.idAcc }));
    case 'oodMean': return run.evals.map((e) => ({ x: e.step, y: e.oodMean }));
    case 'oodWorst': return run.evals.map((e) => ({ x: e.step, y: e.oodWorst }));
    case 'distortion': return run.evals.map((e) => ({ x: e.step, y: e.distortion[metric.side][metric.measure] }));
  }
}

/** y of a sorted series at x by linear interpolation; undefined outside its range. */
export function interpolateAt(series: readonly Point[], x: number): number | undefined {
  if (series.length === 0 || x < series[0].x || x > series[series.length - 1].x) return undefined;
  let lo = 0;
  let hi = series.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (series[mid].x <= x) lo = mid; else hi = mid;
  }
  const a = series[lo];
  const b = series[hi];
  if (a.x === x) return a.y;
  if (b.x === x) return b.y;
  return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
}

export type BandMode = 'minmax' | 'std';

export const BAND_MODES: { id: BandMode; label: string; explanation: string }[] = [
  { id: 'minmax', label: 'min–max', explanation: 'the band spans the lowest and highest seed' },
  { id: 'std', label: 'mean ± std', explanation: 'the band spans one standard deviation either side of the mean over seeds' },
];

/** Keys of group i's mean and band in a band row. */
export const meanKey = (i: number) => `g${i}_mean`;
export const bandKey = (i: number) => `g${i}_band`;
export const countKey = (i: number) => `g${i}_n`;

export type BandRow = { x: number } & Record<string, number | [number, number] | undefined>;

/**
 * Rows for one chart: at every x where any run of any group has a point, each group's mean over
 * the runs whose curve covers x (interpolated between their own points), its band, and how many
 * runs that is. Finite values only; a band needs two runs (one run draws its line alone).
 */
export function bandRows(groups: readonly (readonly Point[][])[], mode: BandMode): BandRow[] {
  const cleaned = groups.map((runs) => runs.map((s) => s.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).filter((s) => s.length > 0));
  const xs = [...new Set(cleaned.flatMap((runs) => runs.flatMap((s) => s.map((p) => p.x))))].sort((a, b) => a - b);
  return xs.map((x) => {
    const row: BandRow = { x };
    cleaned.forEach((runs, i) => {
      const ys = runs.map((s) => interpolateAt(s, x)).filter((y): y is number => y !== undefined);
      if (ys.length === 0) return;
      const s = stat(ys);
      row[meanKey(i)] = s.mean;
      row[countKey(i)] = s.n;
      if (s.n >= 2) row[bandKey(i)] = mode === 'minmax' ? [s.min, s.max] : [s.mean - s.std, s.mean + s.std];
    });
    return row;
  });
}
