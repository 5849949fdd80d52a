import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../engine/config/schema';
import type { RunSummary } from '../../engine/training/events';
import {
  basisText, estimateQueueSeconds, estimateRunSeconds, evalCount, formatEstimate, formatEstimateRange, GUESS, imagesPerEval, recordSpeed, speedFromSummary,
  speedKey, totalSteps,
} from './estimate';
import { BASE, evalRecord } from './testRuns';

// BASE: mlp-broad, 6 steps, batch 16, eval every 3 steps, 32 eval images × (1 + 2 shifts) + 2 × 16 probes
function summary(config: RunConfig, s: Partial<RunSummary>): RunSummary {
  const e = evalRecord(6, { id: 0.9, oodMean: 0.8 });
  return { status: 'completed', stepsDone: 6, totalSteps: 6, seconds: 10, stepsPerSec: 2, evalShare: 0.2, last: e, bestVal: e, backend: 'wasm', config, ...s };
}

describe('a run’s size', () => {
  it('counts steps (LP-FT’s probe phase too), evaluations and evaluated images', () => {
    expect(totalSteps(BASE)).toBe(6);
    expect(totalSteps({ ...BASE, method: { ...BASE.method, kind: 'lp-ft', lpSteps: 4 } })).toBe(10);
    expect(totalSteps({ ...BASE, duration: { unit: 'epochs', value: 2 } })).toBe(8); // 64 / 16 = 4 steps an epoch
    expect(evalCount(BASE)).toBe(3); // steps 0, 3, 6
    expect(evalCount({ ...BASE, evalEvery: 4 })).toBe(3); // 0, 4, and the end at 6
    expect(imagesPerEval(BASE)).toBe(32 * 3 + 32);
  });
});

describe('measured speed from finished runs', () => {
  it('splits a run’s seconds into setup, training steps and evaluation', () => {
    // 10 s: 6 steps at 2/s = 3 s training, 20 % = 2 s evaluating 3 × 128 images, 5 s setup
    const seen = speedFromSummary(summary(BASE, {}))!;
    expect(seen.key).toBe(speedKey('mlp-broad', 'wasm', 'ft'));
    expect(seen.speed.stepsPerSec).toBe(2);
    expect(seen.speed.setupSec).toBeCloseTo(5, 12);
    expect(seen.speed.evalSecPerImage).toBeCloseTo(2 / 384, 12);
    expect(speedFromSummary(summary(BASE, { stepsPerSec: 0 }))).toBeNull();
  });

  it('predicts the run it measured, and averages further runs per key', () => {
    const measured = recordSpeed({}, summary(BASE, {}));
    const e = estimateRunSeconds(BASE, measured, 'wasm');
    expect(e.seconds).toBeCloseTo(10, 9);
    expect(e.basis).toBe('measured');
    // twice the steps: 3 s more training, evaluation at 0, 3, 6, 9, 12 (5 instead of 3)
    const longer = estimateRunSeconds({ ...BASE, duration: { unit: 'steps', value: 12 } }, measured, 'wasm');
    expect(longer.seconds).toBeCloseTo(5 + 6 + (5 / 3) * 2, 9);
    const two = recordSpeed(measured, summary(BASE, { stepsPerSec: 4 }));
    expect(two[speedKey('mlp-broad', 'wasm', 'ft')].stepsPerSec).toBe(3);
    expect(two[speedKey('mlp-broad', 'wasm', 'ft')].runs).toBe(2);
  });

  it('after a run that evaluated beside training, a run that will not is held for the evaluations’ own time', () => {
    // held 0.5 s (5 %) of 10 s, the evaluations themselves took 2.5 s in the second worker
    const measured = recordSpeed({}, summary(BASE, { evalShare: 0.05, evalSeconds: 2.5, evalAside: true }));
    const speed = measured[speedKey('mlp-broad', 'wasm', 'ft')];
    expect(speed.evalSecPerImage).toBeCloseTo(0.5 / 384, 12);
    expect(speed.evalOwnSecPerImage).toBeCloseTo(2.5 / 384, 12);
    expect(speed.setupSec).toBeCloseTo(10 - 3 - 0.5, 12);
    expect(estimateRunSeconds(BASE, measured, 'wasm', true).seconds).toBeCloseTo(10, 9);
    expect(estimateRunSeconds(BASE, measured, 'wasm', false).seconds).toBeCloseTo(12, 9);
    expect(estimateQueueSeconds([BASE, BASE], measured, 2, 'wasm', false).seconds).toBeCloseTo(12, 9);
    // a summary from before evaluations had their own time: it evaluated in the run, held for all of it
    const old = recordSpeed({}, summary(BASE, {}))[speedKey('mlp-broad', 'wasm', 'ft')];
    expect(old.evalOwnSecPerImage).toBe(old.evalSecPerImage);
  });

  it('borrows another method’s speed on the same model and backend, else says it guesses', () => {
    const measured = recordSpeed({}, summary(BASE, {}));
    const lp = { ...BASE, method: { ...BASE.method, kind: 'lp' as const } };
    expect(estimateRunSeconds(lp, measured, 'wasm').basis).toBe('similar');
    const elsewhere = estimateRunSeconds(BASE, measured, 'webgpu');
    expect(elsewhere.basis).toBe('guess');
    expect(elsewhere.seconds).toBeCloseTo(GUESS.setupSec + 6 / GUESS.stepsPerSec * (16 / 32) + 3 * 128 * GUESS.evalSecPerImage, 9);
    expect(basisText(elsewhere, 'webgpu')).toMatch(/guess/);
    expect(basisText(estimateRunSeconds(BASE, measured, 'wasm'), 'wasm')).toBe('measured here: 1 finished run of this model and method on wasm');
  });
});

describe('a queue', () => {
  it('fills the free slot first and ends with the longest slot', () => {
    const measured = recordSpeed({}, summary(BASE, {}));
    const configs = [BASE, BASE, BASE, BASE];
    expect(estimateQueueSeconds(configs, measured, 1, 'wasm').seconds).toBeCloseTo(40, 9);
    expect(estimateQueueSeconds(configs, measured, 2, 'wasm').seconds).toBeCloseTo(20, 9);
    // the other end: no gain from running side by side
    expect(estimateQueueSeconds(configs, measured, 2, 'wasm').upperSeconds).toBeCloseTo(40, 9);
    expect(estimateQueueSeconds(configs, measured, 1, 'wasm').upperSeconds).toBeUndefined();
    expect(estimateQueueSeconds(configs, measured, 3, 'wasm').seconds).toBeCloseTo(20, 9);
    expect(estimateQueueSeconds([], measured, 2, 'wasm').seconds).toBe(0);
    const lp = { ...BASE, method: { ...BASE.method, kind: 'lp' as const } };
    expect(estimateQueueSeconds([BASE, lp], measured, 1, 'wasm').basis).toBe('similar');
  });

  it('rounds to what an estimate can promise', () => {
    expect(formatEstimate(2)).toBe('≈ 5 s');
    expect(formatEstimate(43)).toBe('≈ 45 s');
    expect(formatEstimate(130)).toBe('≈ 2 min');
    expect(formatEstimate(4800)).toBe('≈ 1 h 20 min');
    expect(formatEstimate(7190)).toBe('≈ 2 h');
    expect(formatEstimateRange(110, 220)).toBe('≈ 2–4 min');
    expect(formatEstimateRange(40, 130)).toBe('≈ 40 s – 2 min');
    expect(formatEstimateRange(130, 140)).toBe('≈ 2 min');
    expect(formatEstimateRange(130, undefined)).toBe('≈ 2 min');
  });
});
