/**
 * Kernels per training step: every `runKernel` of the TF.js engine counted over a window of steps
 * of a real TrainingSession (evaluation pushed out of the window). A machine-independent figure: on
 * a GPU a small model's step costs about its kernel count × the per-dispatch overhead. With
 * `timeKernels` each kernel's synchronous wall time is summed by name too (meaningful on wasm/cpu,
 * where a kernel runs inside its runKernel call).
 */
import * as tf from '@tensorflow/tfjs';
import type { AssetReader } from '../../../src/engine/assets';
import type { RunConfig } from '../../../src/engine/config/schema';
import { TrainingSession } from '../../../src/engine/training/session';

export interface KernelCount {
  /** kernels per step, averaged over the window */
  perStep: number;
  /** per step, by kernel name, largest first */
  byName: [string, number][];
  /** ms per step by kernel name (with timeKernels), largest first */
  msByName?: [string, number][];
  steps: [number, number];
}

interface EngineLike { runKernel(name: string, inputs: unknown, attrs?: unknown): unknown }

/** Counts the kernels of steps from..to (exclusive of `from`: steps from+1 … to). */
export async function countKernels(config: RunConfig, reader: AssetReader, from = 5, to = 10, timeKernels = false): Promise<KernelCount> {
  const engine = tf.engine() as unknown as EngineLike;
  const original = engine.runKernel;
  const counts = new Map<string, number>();
  const ms = new Map<string, number>();
  let counting = false;
  let step = 0;
  engine.runKernel = function (this: unknown, name: string, inputs: unknown, attrs?: unknown) {
    if (!counting) return original.call(engine, name, inputs, attrs);
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (!timeKernels) return original.call(engine, name, inputs, attrs);
    const t0 = performance.now();
    try { return original.call(engine, name, inputs, attrs); } finally { ms.set(name, (ms.get(name) ?? 0) + performance.now() - t0); }
  };
  const session = await TrainingSession.open({ ...config, duration: { unit: 'steps', value: to + 1 }, evalEvery: 100_000 }, {
    reader,
    emit: () => undefined,
    control: {
      async checkpoint() {
        step++;
        counting = step >= from && step < to; // the checkpoint after step s runs before step s+1
        return step >= to;
      },
    },
  });
  try {
    await session.train();
  } finally {
    engine.runKernel = original;
    session.dispose();
  }
  const n = to - from;
  const sorted = (m: Map<string, number>) => [...m].map(([k, v]) => [k, v / n] as [string, number]).sort((a, b) => b[1] - a[1]);
  const byName = sorted(counts);
  return {
    perStep: byName.reduce((s, [, v]) => s + v, 0), byName,
    ...(timeKernels ? { msByName: sorted(ms) } : {}),
    steps: [from + 1, to],
  };
}
