/**
 * The lab's chart data from sweep records (pure, unit-tested): which values a set of records
 * varies, the records at a selection, and the rows of the four charts — (i) error vs epoch per k,
 * (ii) error vs epoch per target size, (iii) final error vs k, (iv) final test error vs k per source.
 */
import type { SweepRecord } from '../../engine/sweep/record';
import type { SweepPoint } from '../../engine/sweep/spec';

export interface LabSelection {
  source: string;
  k: number;
  trainSize: number;
  labelNoise: number;
}

export interface Axes {
  sources: string[];
  ks: number[];
  trainSizes: number[];
  labelNoise: number[];
}

const sortedUnique = <T,>(xs: T[]): T[] => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function axesOf(records: readonly SweepRecord[]): Axes {
  return {
    sources: [...new Set(records.map((r) => r.point.source))],
    ks: sortedUnique(records.map((r) => r.point.k)),
    trainSizes: sortedUnique(records.map((r) => r.point.trainSize)),
    labelNoise: sortedUnique(records.map((r) => r.point.labelNoise)),
  };
}

/** The selection kept where the records have it, else the first value they have (the largest size, the highest noise). */
export function fitSelection(sel: Partial<LabSelection>, axes: Axes): LabSelection {
  const pick = <T,>(v: T | undefined, options: T[], fallback: T | undefined): T => (v !== undefined && options.includes(v) ? v : (fallback as T));
  return {
    source: pick(sel.source, axes.sources, axes.sources[0]),
    k: pick(sel.k, axes.ks, axes.ks[0]),
    trainSize: pick(sel.trainSize, axes.trainSizes, axes.trainSizes[axes.trainSizes.length - 1]),
    labelNoise: pick(sel.labelNoise, axes.labelNoise, axes.labelNoise[axes.labelNoise.length - 1]),
  };
}

/** The latest record of each point (a re-run or a second import replaces the earlier one). */
export function latestByPoint(records: readonly SweepRecord[]): SweepRecord[] {
  const byKey = new Map<string, SweepRecord>();
  for (const r of records) byKey.set(`${r.point.source}|${r.point.k}|${r.point.trainSize}|${r.point.labelNoise}`, r);
  return [...byKey.values()];
}

const matches = (p: SweepPoint, want: Partial<SweepPoint>) =>
  (Object.keys(want) as (keyof SweepPoint)[]).every((key) => p[key] === want[key]);

export function recordsAt(records: readonly SweepRecord[], want: Partial<SweepPoint>): SweepRecord[] {
  return records.filter((r) => matches(r.point, want));
}

/** One series of an epoch chart: a record's curve under a label. */
export interface EpochSeries {
  key: string;
  label: string;
  record: SweepRecord;
}

/** Rows for recharts: one per epoch, with `test<i>` and `train<i>` for each series (undefined where it has no point). */
export function epochRows(series: readonly EpochSeries[]): Record<string, number>[] {
  const rows = new Map<number, Record<string, number>>();
  series.forEach((s, i) => {
    for (const c of s.record.curve) {
      const row = rows.get(c.epoch) ?? { epoch: c.epoch };
      row[`test${i}`] = c.testErr;
      row[`train${i}`] = c.trainErr;
      rows.set(c.epoch, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.epoch - b.epoch);
}

/** (i): at the selected source, size and noise, one series per k. */
export function seriesPerK(records: readonly SweepRecord[], sel: LabSelection): EpochSeries[] {
  return recordsAt(records, { source: sel.source, trainSize: sel.trainSize, labelNoise: sel.labelNoise })
    .sort((a, b) => a.point.k - b.point.k)
    .map((r) => ({ key: `k${r.point.k}`, label: `k = ${r.point.k}`, record: r }));
}

/** (ii): at the selected source, k and noise, one series per target size. */
export function seriesPerSize(records: readonly SweepRecord[], sel: LabSelection): EpochSeries[] {
  return recordsAt(records, { source: sel.source, k: sel.k, labelNoise: sel.labelNoise })
    .sort((a, b) => a.point.trainSize - b.point.trainSize)
    .map((r) => ({ key: `n${r.point.trainSize}`, label: `${r.point.trainSize} images`, record: r }));
}

export interface FinalRow {
  k: number;
  [series: string]: number | null;
}

/** (iii): final train and test error vs k at the selected source, size and noise. */
export function finalVsK(records: readonly SweepRecord[], sel: LabSelection): FinalRow[] {
  return recordsAt(records, { source: sel.source, trainSize: sel.trainSize, labelNoise: sel.labelNoise })
    .sort((a, b) => a.point.k - b.point.k)
    .map((r) => ({ k: r.point.k, test: r.final.testErr, train: r.final.trainErr, minTest: Math.min(...r.curve.map((c) => c.testErr)) }));
}

/** (iv): final test error vs k, one column per source (`src<i>`), at the selected size and noise. */
export function finalVsKPerSource(records: readonly SweepRecord[], sel: LabSelection, sources: readonly string[]): FinalRow[] {
  const at = recordsAt(records, { trainSize: sel.trainSize, labelNoise: sel.labelNoise });
  const ks = sortedUnique(at.map((r) => r.point.k));
  return ks.map((k) => {
    const row: FinalRow = { k };
    sources.forEach((s, i) => {
      const r = at.find((x) => x.point.k === k && x.point.source === s);
      row[`src${i}`] = r ? r.final.testErr : null;
    });
    return row;
  });
}

/**
 * The shape of a test-error curve, robust to epoch-to-epoch noise: its lowest point, the highest
 * `window`-epoch mean after it (the peak of a rise), and the mean of the last `window` epochs. A
 * second descent shows as `end` clearly below `peak`; plain overfitting as `end` ≈ `peak` > `lowest`.
 */
export function epochShape(record: SweepRecord, window = 5): { lowest: { epoch: number; testErr: number }; peak: { epoch: number; testErr: number }; end: number } {
  const c = record.curve.filter((e) => e.epoch > 0);
  const lowestAt = c.reduce((b, e, i) => (e.testErr < c[b].testErr ? i : b), 0);
  const mean = (xs: { testErr: number }[]) => xs.reduce((n, e) => n + e.testErr, 0) / Math.max(xs.length, 1);
  let peak = { epoch: c[lowestAt]?.epoch ?? 0, testErr: c[lowestAt]?.testErr ?? 1 };
  for (let i = lowestAt; i + window <= c.length; i++) {
    const m = mean(c.slice(i, i + window));
    if (m > peak.testErr) peak = { epoch: c[i + Math.floor(window / 2)].epoch, testErr: m };
  }
  return { lowest: { epoch: c[lowestAt]?.epoch ?? 0, testErr: c[lowestAt]?.testErr ?? 1 }, peak, end: mean(c.slice(-window)) };
}
