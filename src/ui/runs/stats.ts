/**
 * Small-sample statistics for the compare table: Student's t distribution (its CDF through the
 * regularised incomplete beta function, its quantile by bisection), a t-based confidence interval
 * for a mean over seeds, and a paired t-test over the seeds two settings share. Pure and unit-tested
 * against tabulated values.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** I_x(a, b), the regularised incomplete beta function. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // the fraction converges fast on this side of the mean; use the symmetry on the other
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

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
