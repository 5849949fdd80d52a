/** Small hand-made runs for the unit tests of compare, export/import and history (no training). */
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import type { RunConfig } from '../../engine/config/schema';
import type { EvalRecord, RunEvent, RunInfo, RunSummary } from '../../engine/training/events';

export const BASE: RunConfig = {
  ...DEFAULT_CONFIG, model: 'mlp-broad', trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 3,
  shifts: ['rotation', 'fog'], duration: { unit: 'steps', value: 6 },
};

export function evalRecord(step: number, acc: { id: number; oodMean: number; oodWorst?: number; val?: number; dist?: number }): EvalRecord {
  const d = acc.dist ?? step / 10;
  return {
    step, phase: 'ft', idAcc: acc.id, valAcc: acc.val ?? acc.id, ood: { rotation: acc.oodMean, fog: acc.oodWorst ?? acc.oodMean },
    oodMean: acc.oodMean, oodWorst: acc.oodWorst ?? acc.oodMean, worstShift: 'rotation',
    distortion: { id: { l2: d, relative: d / 10, cosine: 1 - d / 100 }, ood: { l2: 2 * d, relative: d / 5, cosine: 1 - d / 50 } },
    drift: { dense_1: step / 100 }, diagnostics: {}, evalMs: 12, elapsedSec: step,
  };
}

export function info(totalSteps: number): RunInfo {
  return {
    backend: 'cpu', totalSteps, phases: [{ name: 'ft', steps: totalSteps, firstStep: 1 }],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], shifts: ['rotation', 'fog'], driftLayers: ['dense_1'],
    parameters: { total: 1000, trainable: 1000 }, trainImages: 64, evalImages: 32, methodFacts: {},
  };
}

/** The events of a finished 6-step run with evaluations at 0, 3, 6; accuracies shifted by `offset`. */
export function runEvents(config: RunConfig, offset: number, opts: { finish?: boolean; status?: RunSummary['status'] } = {}): RunEvent[] {
  const evals = [0, 3, 6].map((s, i) => evalRecord(s, { id: 0.5 + 0.1 * i + offset, oodMean: 0.4 + 0.05 * i + offset, oodWorst: 0.3 + offset, val: i === 1 ? 0.99 : 0.5 + 0.1 * i + offset }));
  const events: RunEvent[] = [
    { type: 'status', status: 'loading', message: 'loading' },
    { type: 'info', info: info(6) },
    { type: 'eval', record: evals[0] },
    { type: 'steps', firstStep: 1, losses: [2.3 - offset, 2.1, 1.9], phase: 'ft', lr: 1e-3, stepsPerSec: 3, etaSec: 1, elapsedSec: 1 },
    { type: 'eval', record: evals[1] },
    { type: 'steps', firstStep: 4, losses: [1.7, Number.NaN, 1.5 + offset], phase: 'ft', lr: 5e-4, stepsPerSec: 3, etaSec: 0, elapsedSec: 2 },
    { type: 'eval', record: evals[2] },
  ];
  if (opts.finish === false) return events;
  const summary: RunSummary = {
    status: opts.status ?? 'completed', stepsDone: 6, totalSteps: 6, seconds: 10 + offset * 10, stepsPerSec: 3, evalShare: 0.2,
    last: evals[2], bestVal: evals[1], backend: 'cpu', config,
  };
  return [...events, { type: 'status', status: 'completed', message: 'completed 6 steps' }, { type: 'done', summary }];
}
