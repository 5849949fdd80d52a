/** Hand-made run records for the results tests. */
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import type { RunRecord } from './records';
import { methodByLabel } from './scenarios';

export interface FakeRun {
  method: string;
  value: number;
  seed: number;
  idAcc?: number;
  valAcc?: number;
  oodMean?: number;
  oodWorst?: number;
  distId?: number;
  distOod?: number;
  /** best-validation evaluation's ID accuracy (defaults to idAcc) */
  bestId?: number;
  status?: RunRecord['status'];
  seconds?: number;
  finishedAt?: string;
  session?: string;
  key?: string;
}

let counter = 0;

export function fakeRun(f: FakeRun): RunRecord {
  const spec = methodByLabel(f.method);
  if (!spec) throw new Error(`fixture: unknown method ${f.method}`);
  const e = (id: number) => ({
    step: 100, phase: 'FT', idAcc: id, valAcc: f.valAcc ?? 0.9,
    ood: { rotation: f.oodWorst ?? 0.5, fog: 2 * (f.oodMean ?? 0.7) - (f.oodWorst ?? 0.5) },
    oodMean: f.oodMean ?? 0.7, oodWorst: f.oodWorst ?? 0.5, worstShift: 'rotation' as const,
    distortion: { id: { l2: f.distId ?? 1, relative: 0.1, cosine: 0.9 }, ood: { l2: f.distOod ?? 1, relative: 0.1, cosine: 0.9 } },
  });
  const status = f.status ?? 'completed';
  counter++;
  return {
    type: 'run', version: 1, key: f.key ?? `${f.method}|${f.value}|${f.seed}`,
    scenario: 'mnist-resnet', model: 'resnet-broad', method: f.method, param: spec.param, value: f.value, seed: f.seed,
    stage: f.seed === 0 ? 'grid' : 'seeds', status, ...(status === 'diverged' ? { divergedAtStep: 42 } : {}),
    ...(status === 'failed' ? { error: 'boom' } : {}),
    stepsDone: 100, totalSteps: 100, seconds: f.seconds ?? 10, wallSeconds: (f.seconds ?? 10) + 2, backend: 'wasm',
    session: f.session ?? 's1', startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: f.finishedAt ?? new Date(Date.UTC(2025, 0, 1, 0, 0, counter)).toISOString(),
    last: status === 'failed' ? null : e(f.idAcc ?? 0.9),
    bestVal: status === 'failed' ? null : { ...e(f.bestId ?? f.idAcc ?? 0.9), step: 50 },
    config: { ...DEFAULT_CONFIG, seed: f.seed },
  };
}
