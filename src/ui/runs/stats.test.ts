import { describe, expect, it } from 'vitest';
import { formatP, incompleteBeta, pairedTTest, tCdf, tInterval, tQuantile } from './stats';
import { stat } from './compare';

const seeds = (...vs: number[]) => new Map(vs.map((v, i) => [i, v]));

describe("Student's t", () => {
  it('has the CDF of the closed forms for 1 and 2 degrees of freedom', () => {
    // df 1 is Cauchy: 1/2 + atan(t)/π; df 2: 1/2 + t / (2√(2 + t²))
    for (const t of [-3, -0.5, 0, 0.7, 2, 10]) {
      expect(tCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12);
      expect(tCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
    }
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
  });

  it('gives the tabulated two-sided 95 % quantiles', () => {
    // printed tables, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [9, 2.262], [29, 2.045]];
    for (const [df, q] of table) expect(tQuantile(0.975, df)).toBeCloseTo(q, 3);
    expect(tQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
    expect(tQuantile(0.5, 7)).toBe(0);
  });

  it('puts a 95 % interval around a mean over seeds, none from one seed', () => {
    // 0.78 and 0.83: mean 0.805, s = 0.035355, half width 12.706 · s / √2 = 0.31766
    const ci = tInterval(stat([0.78, 0.83]))!;
    expect(ci.lo).toBeCloseTo(0.48734, 4);
    expect(ci.hi).toBeCloseTo(1.12266, 4);
    // 2, 4, 6, 8, 10: mean 6, s = √10, t(0.975, 4) = 2.7764 → ± 3.9265
    const five = tInterval(stat([2, 4, 6, 8, 10]))!;
    expect(five.hi - 6).toBeCloseTo(3.9265, 3);
    expect(tInterval(stat([0.5]))).toBeNull();
  });
});

describe('paired t-test over shared seeds', () => {
  it('matches a hand computation', () => {
    // differences 0.10, 0.11, 0.09: mean 0.10, s = 0.01, t = 17.32, df 2, p = 1 − t/√(2 + t²) = 0.00332
    const r = pairedTTest(seeds(0.80, 0.82, 0.85), seeds(0.70, 0.71, 0.76));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.n).toBe(3);
    expect(r.meanDiff).toBeCloseTo(0.1, 12);
    expect(r.t).toBeCloseTo(17.3205, 3);
    expect(r.p).toBeCloseTo(1 - 17.3205 / Math.sqrt(2 + 17.3205 ** 2), 5);
    expect(formatP(r.p)).toBe('p = 0.003');
  });

  it('matches a textbook example with more seeds (Student 1908, sleep data: t = 4.06, df 9, p = 0.0028)', () => {
    const a = seeds(1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4);
    const b = seeds(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0);
    const r = pairedTTest(a, b);
    expect(r.ok && r.t).toBeCloseTo(4.0621, 3);
    expect(r.ok && r.p).toBeCloseTo(0.002833, 5);
  });

  it('pairs by seed, and refuses fewer than three shared seeds with the reason', () => {
    const r = pairedTTest(new Map([[0, 0.9], [1, 0.8], [5, 0.7]]), new Map([[0, 0.8], [1, 0.7], [2, 0.1]]));
    expect(r).toEqual({ ok: false, n: 2, reason: '2 shared seeds, fewer than 3' });
  });

  it('handles a difference with no spread', () => {
    const same = pairedTTest(seeds(0.5, 0.6, 0.7), seeds(0.5, 0.6, 0.7));
    expect(same.ok && same.p).toBe(1);
    const shifted = pairedTTest(seeds(0.6, 0.7, 0.8), seeds(0.5, 0.6, 0.7));
    expect(shifted.ok && shifted.p).toBe(0);
  });

  it('formats p honestly', () => {
    expect(formatP(0.0004)).toBe('p < 0.001');
    expect(formatP(0.2149)).toBe('p = 0.21');
    expect(formatP(0.049)).toBe('p = 0.049');
  });
});
