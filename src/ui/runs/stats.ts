/**
 * Small-sample statistics for the compare table: Student's t distribution (its CDF from
 * src/stats/studentT.ts, its quantile by bisection), a t-based confidence interval
 * for a mean over seeds, and a paired t-test over the seeds two settings share. Pure and unit-tested
 * against tabulated values.
 */

/** I_x(a, b) and Student's t CDF: the results runner's implementation (src/stats/studentT.ts), one for both. */
export { regularizedIncompleteBeta as incompleteBeta, studentTCdf as tCdf } from '../../stats/studentT';
import { studentTCdf as tCdf } from '../../stats/studentT';

/** The t with P(T ≤ t) = p (bisection on the CDF: slow but exact to 1e-10, and called a few times per table). */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Interval { lo: number; hi: number; level: number }

/** mean ± t(1 − α/2, n − 1) · s / √n; null below two values (no spread to go on). */
export function tInterval(s: { n: number; mean: number; std: number }, level = 0.95): Interval | null {
  if (s.n < 2 || !Number.isFinite(s.std)) return null;
  const half = (tQuantile(1 - (1 - level) / 2, s.n - 1) * s.std) / Math.sqrt(s.n);
  return { lo: s.mean - half, hi: s.mean + half, level };
}

/** The fewest shared seeds a paired test is run on: with two, one degree of freedom gives nearly any p. */
export const MIN_PAIRED_SEEDS = 3;

export type PairedTest =
  | { ok: true; n: number; meanDiff: number; t: number; df: number; p: number }
  | { ok: false; n: number; reason: string };

/**
 * Two-sided paired t-test of a − b over the seeds both have (finite values only). A difference
 * that is the same on every seed has no spread: p is 0 when it is not zero, 1 when it is.
 */
export function pairedTTest(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>, minSeeds = MIN_PAIRED_SEEDS): PairedTest {
  const diffs: number[] = [];
  for (const [seed, va] of a) {
    const vb = b.get(seed);
    if (vb !== undefined && Number.isFinite(va) && Number.isFinite(vb)) diffs.push(va - vb);
  }
  const n = diffs.length;
  if (n < minSeeds) return { ok: false, n, reason: `${n} shared seed${n === 1 ? '' : 's'}, fewer than ${minSeeds}` };
  const meanDiff = diffs.reduce((x, y) => x + y, 0) / n;
  const sd = Math.sqrt(diffs.reduce((x, d) => x + (d - meanDiff) ** 2, 0) / (n - 1));
  const df = n - 1;
  if (sd === 0) return { ok: true, n, meanDiff, t: meanDiff === 0 ? 0 : Math.sign(meanDiff) * Infinity, df, p: meanDiff === 0 ? 1 : 0 };
  const t = meanDiff / (sd / Math.sqrt(n));
  return { ok: true, n, meanDiff, t, df, p: 2 * (1 - tCdf(Math.abs(t), df)) };
}

/** "p = 0.003", "p = 0.049" (three decimals near the 0.05 line), "p < 0.001", "p = 0.21". */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'p = –';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.1 ? p.toFixed(3) : p.toFixed(2)}`;
}
