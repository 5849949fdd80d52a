/**
 * DomainBed's model selection and reporting (domainbed/model_selection.py, scripts/collect_results.py):
 * - IIDAccuracySelectionMethod ("training-domain validation set"): within a run, the checkpoint
 *   with the highest training-domain validation accuracy; across a trial's hyper-parameter samples,
 *   the run whose chosen checkpoint has the highest validation accuracy; its held-out-domain
 *   accuracy is the trial's result (first maximum on ties, as numpy's argmax);
 * - a table cell is the mean over trials ± the standard error as collect_results.format_mean
 *   computes it: 100 · std(x / √n) with numpy's population std.
 * Pure functions over the records.
 */
import type { BenchmarkRecord, Checkpoint } from './records';

export function bestCheckpoint(checkpoints: readonly Checkpoint[]): Checkpoint | undefined {
  return checkpoints.reduce<Checkpoint | undefined>((best, c) => (!best || c.valAcc > best.valAcc ? c : best), undefined);
}

/** The trial's result: the chosen run's chosen checkpoint, with the sample it came from. */
export function selectTrial(runs: readonly BenchmarkRecord[]): { checkpoint: Checkpoint; run: BenchmarkRecord } | undefined {
  let out: { checkpoint: Checkpoint; run: BenchmarkRecord } | undefined;
  for (const run of [...runs].sort((a, b) => a.hparamSample - b.hparamSample)) {
    const c = bestCheckpoint(run.checkpoints);
    if (c && (!out || c.valAcc > out.checkpoint.valAcc)) out = { checkpoint: c, run };
  }
  return out;
}

export interface Cell { mean: number; err: number; n: number }

/** mean ± standard error in percent, as DomainBed prints them. */
export function domainbedMean(values: readonly number[]): Cell {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, err: Number.NaN, n };
  const scaled = values.map((v) => v / Math.sqrt(n));
  const m = scaled.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(scaled.reduce((a, b) => a + (b - m) ** 2, 0) / n);
  return { mean: (100 * values.reduce((a, b) => a + b, 0)) / n, err: 100 * sd, n };
}

export function formatCell(c: Cell): string {
  return Number.isFinite(c.mean) ? `${c.mean.toFixed(1)} ± ${c.err.toFixed(1)}` : '–';
}

/** Per held-out domain: the trial results (selected test accuracies), over the records of one algorithm and budget. */
export function resultsByDomain(records: readonly BenchmarkRecord[], domains: number): { perDomain: number[][]; chosen: BenchmarkRecord[][] } {
  const perDomain: number[][] = Array.from({ length: domains }, () => []);
  const chosen: BenchmarkRecord[][] = Array.from({ length: domains }, () => []);
  const finished = records.filter((r) => r.status !== 'failed');
  for (let d = 0; d < domains; d++) {
    const trials = [...new Set(finished.filter((r) => r.testDomain === d).map((r) => r.trial))].sort((a, b) => a - b);
    for (const t of trials) {
      const pick = selectTrial(finished.filter((r) => r.testDomain === d && r.trial === t));
      if (pick) { perDomain[d].push(pick.checkpoint.testAcc); chosen[d].push(pick.run); }
    }
  }
  return { perDomain, chosen };
}
