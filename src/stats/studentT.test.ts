import { describe, expect, it } from 'vitest';
import { logGamma, mean, pairedTTest, regularizedIncompleteBeta, std, studentTCdf, twoSidedP } from './studentT';

// Reference values from scipy 1.17 (scipy.stats.t.cdf / t.sf, scipy.special.betainc / gammaln, ttest_rel).

describe('mean and std', () => {
  it('uses the n − 1 sample standard deviation', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935299395, 12); // numpy std(ddof=1)
    expect(std([5])).toBeNaN();
    expect(mean([])).toBeNaN();
  });
});

describe('logGamma', () => {
  it.each([
    [0.5, 0.5723649429247], [1, 0], [2.5, 0.2846828704729192], [10, 12.801827480081469],
    [0.1, 2.252712651734206], [100, 359.1342053695754],
  ])('ln Γ(%f)', (x, want) => {
    expect(logGamma(x)).toBeCloseTo(want, 11);
  });
});

describe('regularised incomplete beta', () => {
  it.each([
    [0.3, 2, 3, 0.34829999999999994], [0.5, 0.5, 0.5, 0.5], [0.9, 10, 2, 0.6973568802000002],
    [0.01, 2, 0.5, 3.762570784694551e-5], [0.7, 50, 60, 0.9999999530579958],
  ])('I_%f(%f, %f)', (x, a, b, want) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(want, 12);
    expect(Math.abs(regularizedIncompleteBeta(x, a, b) - want) / want).toBeLessThan(1e-10);
  });
  it('is 0 and 1 at the ends', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe('Student t', () => {
  it.each([
    [0, 4, 0.5, 1.0],
    [1, 1, 0.75, 0.5000000000000001],
    [2.5, 4, 0.966616727594006, 0.06676654481198814],
    [-1.7, 3, 0.09384532077670502, 0.18769064155341003],
    [2.0, 10, 0.9633059826146299, 0.07338803477074037],
    [3.1, 2.5, 0.9661058108375399, 0.06778837832492031],
    [10, 4, 0.999718998188642, 0.000562003622715991],
    [-0.3, 30, 0.3831230526421764, 0.7662461052843528],
    [1.96, 1000, 0.9748634075221256, 0.050273184955748736],
  ])('t = %f, df = %f', (t, df, cdf, p) => {
    expect(studentTCdf(t, df)).toBeCloseTo(cdf, 12);
    expect(twoSidedP(t, df)).toBeCloseTo(p, 12);
  });
  it('matches the closed forms for df 1 (Cauchy) and df 2', () => {
    for (const t of [0.2, 1, 3.7, 25]) {
      expect(twoSidedP(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 13);
      expect(twoSidedP(t, 2)).toBeCloseTo(1 - t / Math.sqrt(t * t + 2), 13);
    }
  });
});

describe('paired t-test', () => {
  it('matches a hand computation and scipy.stats.ttest_rel', () => {
    // d = [1, 2, 3]: mean 2, sd 1, t = 2 / (1/√3) = 2√3, df 2, p = 1 − t/√(t² + 2) = 1 − √(12/14)
    const r = pairedTTest([4, 6, 8], [3, 4, 5]);
    expect(r.n).toBe(3);
    expect(r.meanDiff).toBe(2);
    expect(r.sdDiff).toBe(1);
    expect(r.t).toBeCloseTo(2 * Math.sqrt(3), 12);
    expect(r.df).toBe(2);
    expect(r.p).toBeCloseTo(1 - Math.sqrt(12 / 14), 12);
    expect(r.p).toBeCloseTo(0.07417990022744854, 12); // ttest_rel([4,6,8],[3,4,5])
  });
  it('matches scipy on accuracy-like numbers', () => {
    const r = pairedTTest([0.91, 0.93, 0.9, 0.95, 0.92], [0.89, 0.9, 0.91, 0.92, 0.88]);
    expect(r.meanDiff).toBeCloseTo(0.022, 12);
    expect(r.sdDiff).toBeCloseTo(0.01923538406167135, 12);
    expect(r.t).toBeCloseTo(2.5574480523640233, 10);
    expect(r.p).toBeCloseTo(0.06280761100070123, 10);
    expect(pairedTTest([0.71, 0.68, 0.74], [0.7, 0.69, 0.7]).p).toBeCloseTo(0.45566894604818076, 10);
    expect(pairedTTest([0.5, 0.7], [0.4, 0.5]).p).toBeCloseTo(0.20483276469913345, 10);
  });
  it('handles degenerate cases', () => {
    expect(pairedTTest([0.5], [0.4]).p).toBeNaN();
    expect(pairedTTest([0.5, 0.6], [0.5, 0.6]).p).toBe(1);
    const same = pairedTTest([0.6, 0.7], [0.5, 0.6]);
    expect(same.p).toBe(0);
    expect(same.t).toBe(Infinity);
    expect(() => pairedTTest([1, 2], [1])).toThrow();
  });
});
