/**
 * Times real training steps on the active backend, for choosing a backend (Measure backends): the
 * engine's own TrainingSession trains an FT run of the chosen model at the chosen batch size, the
 * first step (it compiles kernels: seconds on WebGPU) timed on its own, then steps after it until
 * `minMs` have passed or `maxSteps` are done. Each step ends with a readback that waits for all
 * queued device work, so an asynchronous backend (webgpu, webgl) is not flattered.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config/schema';
import { TrainingSession, type RunHost } from './session';

export interface StepTiming {
  /** the first step, with its kernel compiles */
  firstStepMs: number;
  /** mean of the steps after it */
  msPerStep: number;
  stepsTimed: number;
}

export interface MeasureOptions {
  maxSteps: number;
  minMs: number;
}

const DEFAULT_MEASURE: MeasureOptions = { maxSteps: 5, minMs: 2000 };

/**
 * The run that is timed: FT (one phase, every layer trained) of the config's model at its batch
 * size, with the smallest evaluation the schema allows (the session evaluates once before training).
 */
export function measurementConfig(config: RunConfig, maxSteps: number = DEFAULT_MEASURE.maxSteps): RunConfig {
  return {
    ...config,
    method: { ...config.method, kind: 'ft' },
    duration: { unit: 'steps', value: maxSteps + 2 },
    evalEvery: 1_000_000,
    evalSize: 32,
    probeSize: 16,
    shifts: config.shifts.slice(0, 1),
    evalTrain: false,
  };
}

/** Resolves when the device has finished everything queued before: reads back one element of `t`. */
async function deviceSync(t: tf.Tensor): Promise<void> {
  const one = tf.tidy(() => tf.slice(tf.reshape(t, [-1]), 0, 1));
  await one.data();
  one.dispose();
}

export async function measureSteps(config: RunConfig, host: Pick<RunHost, 'reader' | 'models' | 'datasets'>, opts: MeasureOptions = DEFAULT_MEASURE): Promise<StepTiming> {
  let stepStart = Number.NaN;
  let firstStepMs = Number.NaN;
  const times: number[] = [];
  let session: TrainingSession | null = null;
  session = await TrainingSession.open(measurementConfig(config, opts.maxSteps), {
    ...host,
    // the session says "compiling" right before its first step
    emit: (e) => { if (e.type === 'status' && e.status === 'compiling') stepStart = performance.now(); },
    control: {
      async checkpoint() {
        await deviceSync(session!.ctx.data.train.yOneHot);
        const now = performance.now();
        if (Number.isNaN(firstStepMs)) firstStepMs = now - stepStart;
        else times.push(now - stepStart);
        const spent = times.reduce((a, b) => a + b, 0);
        const enough = times.length >= opts.maxSteps || (times.length > 0 && spent >= opts.minMs);
        stepStart = performance.now();
        return enough;
      },
    },
  });
  try {
    await session.train();
  } finally {
    session.dispose();
  }
  if (times.length === 0) throw new Error('the measurement ended before a step after the first');
  const msPerStep = times.reduce((a, b) => a + b, 0) / times.length;
  return { firstStepMs, msPerStep, stepsTimed: times.length };
}
