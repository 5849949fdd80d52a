import { describe, expect, it } from 'vitest';
import type { WiseFtPoint } from '../../../engine/training/wiseFt';
import { finishWiseFt } from '../../store/runView';
import { accuracyAxis, alphaGroupText, formatAlpha, labelCurve, pointNearest, WISE_FT_ALPHAS, wiseFtAvailability, wiseFtCurve } from './wiseFtData';

function point(alpha: number, idAcc: number, oodMean: number): WiseFtPoint {
  return {
    alpha, idAcc, oodMean, valAcc: idAcc, oodWorst: oodMean - 0.1, ood: { rotation: oodMean - 0.1 },
    distortion: { id: { l2: alpha, relative: 0, cosine: 1 }, ood: { l2: 2 * alpha, relative: 0, cosine: 1 } },
  };
}

describe('WiSE-FT alphas', () => {
  it('asks for α = 0, 0.1, …, 1 and prints them as decimals', () => {
    expect(WISE_FT_ALPHAS).toHaveLength(11);
    expect(WISE_FT_ALPHAS[0]).toBe(0);
    expect(WISE_FT_ALPHAS[10]).toBe(1);
    expect(WISE_FT_ALPHAS.map(formatAlpha)).toEqual(['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1']);
  });
});

describe('WiSE-FT availability', () => {
  it('is shown for paused and finished runs only', () => {
    for (const s of ['paused', 'completed', 'stopped'] as const) expect(wiseFtAvailability(s, 'ft')).toEqual({ show: true, allowed: true });
    for (const s of ['starting', 'training', 'evaluating', 'compiling', 'failed'] as const) expect(wiseFtAvailability(s, 'ft')).toEqual({ show: false });
    expect(wiseFtAvailability(undefined, undefined)).toEqual({ show: false });
  });

  it('gives the engine’s reason where interpolation does not apply', () => {
    const levi = wiseFtAvailability('completed', 'levi');
    expect(levi).toMatchObject({ show: true, allowed: false });
    expect(levi.show && !levi.allowed && levi.reason).toMatch(/LEVI/);
    expect(wiseFtAvailability('completed', 'lp')).toMatchObject({ allowed: false });
    expect(wiseFtAvailability('diverged', 'ft')).toMatchObject({ allowed: false });
    expect(wiseFtAvailability('paused', 'daft')).toEqual({ show: true, allowed: true });
  });
});

describe('WiSE-FT curve', () => {
  it('one point per α in α order, x = ID, y = OOD mean, labelled', () => {
    const curve = wiseFtCurve([point(1, 0.9, 0.5), point(0, 0.7, 0.6), point(0.5, 0.85, 0.65)]);
    expect(curve.map((c) => c.alpha)).toEqual([0, 0.5, 1]);
    expect(curve[1]).toEqual({ alpha: 0.5, x: 0.85, y: 0.65, label: 'α=0.5' });
  });

  it('drops points with non-finite accuracies', () => {
    expect(wiseFtCurve([point(0, Number.NaN, 0.5), point(1, 0.9, 0.5)])).toHaveLength(1);
  });

  it('accuracy axes have room, stay in [0, 1], are at least 10 points wide, with round ticks', () => {
    expect(accuracyAxis([0.5, 0.52])).toEqual({ domain: [0.45, 0.6], ticks: [0.45, 0.5, 0.55, 0.6] });
    expect(accuracyAxis([0.98, 0.99]).domain).toEqual([0.9, 1]);
    expect(accuracyAxis([0.01, 0.02]).domain).toEqual([0, 0.1]);
    expect(accuracyAxis([0.2, 0.9])).toEqual({ domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] });
    expect(accuracyAxis([0.3, 0.6])).toEqual({ domain: [0.2, 0.7], ticks: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7] });
    expect(accuracyAxis([]).domain).toEqual([0, 1]);
    for (const values of [[0.13, 0.77], [0.551, 0.552], [0, 1], [0.333, 0.35]]) {
      const { domain, ticks } = accuracyAxis(values);
      expect(domain[0]).toBeLessThanOrEqual(Math.min(...values));
      expect(domain[1]).toBeGreaterThanOrEqual(Math.max(...values));
      expect(ticks[0]).toBe(domain[0]);
      expect(ticks[ticks.length - 1]).toBe(domain[1]);
    }
  });

  it('points that would overlap share one label naming their αs', () => {
    const curve = wiseFtCurve([
      ...[0, 0.1, 0.2, 0.3].map((a) => point(a, 0.99, 0.8 + a / 100)),
      point(0.5, 0.9, 0.7), point(0.9, 0.6, 0.55), point(1, 0.6, 0.551),
    ]);
    const labelled = labelCurve(curve, [0.5, 1], [0.5, 0.9]);
    expect(labelled.map((p) => p.tag)).toEqual(['0–0.3', null, null, null, '0.5', '0.9, 1', null]);
    // near the right edge the tag goes left, so it is not cut off
    expect(labelled[0]).toMatchObject({ side: 'left' });
    expect(labelled[4]).toMatchObject({ tag: '0.5', side: 'right', vertical: 'above' });
  });

  it('moves a tag that would overlap its neighbour’s to another side', () => {
    // 0.3 and 0.4 about 20 px apart at the same height: side by side tags would collide
    const curve = wiseFtCurve([point(0.3, 0.9, 0.7), point(0.4, 0.92, 0.7), point(1, 0.5, 0.5)]);
    const [a, b] = labelCurve(curve, [0.4, 1], [0.4, 0.8]);
    expect(a.tag).toBe('0.3');
    expect(b.tag).toBe('0.4');
    expect(`${a.side}-${a.vertical}`).not.toBe(`${b.side}-${b.vertical}`);
    expect(alphaGroupText([0.1, 0.9])).toBe('0.1, 0.9');
    expect(alphaGroupText([0.2, 0.3])).toBe('0.2, 0.3');
    expect(alphaGroupText([0, 0.1, 0.2, 0.7])).toBe('0–0.2, 0.7');
  });

  it('finds the point nearest a slider position', () => {
    const pts = WISE_FT_ALPHAS.map((a) => point(a, 0.8, 0.6));
    expect(pointNearest(pts, 0.5)?.alpha).toBe(0.5);
    expect(pointNearest(pts, 0.34)?.alpha).toBe(0.3);
    expect(pointNearest([], 0.5)).toBeUndefined();
  });
});

describe('WiSE-FT state', () => {
  it('keeps the step it was asked at and how long it took', () => {
    const done = finishWiseFt({ state: 'running', alphas: [0, 1], step: 6, startedAt: 1000 }, { points: [point(0, 0.7, 0.6)] }, 4000);
    expect(done).toEqual({ state: 'done', points: [point(0, 0.7, 0.6)], step: 6, seconds: 3 });
    expect(finishWiseFt({ state: 'running', alphas: [0], step: 3, startedAt: 0 }, { error: 'gone' }, 10)).toEqual({ state: 'failed', error: 'gone', step: 3 });
  });
});
