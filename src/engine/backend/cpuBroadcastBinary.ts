/**
 * Broadcasting float32 binary kernels for TF.js's cpu backend.
 *
 * The stock kernels take a per-element path (index → coordinates → index, with array allocations)
 * whenever shapes differ, which is most of BatchNorm's backward pass ([N,H,W,C] ⊙ [C]). Here the
 * operands' strides are precomputed (0 on broadcast axes) and walked with counters. Same-shape,
 * non-float32 and rank > 6 calls go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CpuBackendLike } from './cpuBackendLike';

type Op = (a: number, b: number) => number;
const MAX_RANK = 6;

/** Strides of `shape` seen from the broadcast `outShape` (0 on broadcast axes), padded to outShape's rank. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const rank = outShape.length;
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const outAxis = rank - shape.length + i;
    strides[outAxis] = shape[i] === 1 && outShape[outAxis] !== 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

export function broadcastBinary(
  a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], op: Op,
): { values: Float32Array; shape: number[] } {
  const outShape = tf.backend_util.assertAndGetBroadcastShape(aShape as number[], bShape as number[]);
  const rank = outShape.length;
  const size = outShape.reduce((p, d) => p * d, 1);
  const out = new Float32Array(size);
  if (size === 0) return { values: out, shape: outShape };
  const as = broadcastStrides(aShape, outShape);
  const bs = broadcastStrides(bShape, outShape);
  const inner = outShape[rank - 1];
  const aInner = as[rank - 1];
  const bInner = bs[rank - 1];
  const counter = new Array<number>(rank).fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < size; o += inner) {
    let aj = ai;
    let bj = bi;
    for (let j = 0; j < inner; j++) {
      out[o + j] = op(a[aj], b[bj]);
      aj += aInner;
      bj += bInner;
    }
    // advance the outer counters (all axes but the last)
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      ai += as[axis];
      bi += bs[axis];
      if (counter[axis] < outShape[axis]) break;
      ai -= as[axis] * outShape[axis];
      bi -= bs[axis] * outShape[axis];
      counter[axis] = 0;
    }
  }
  return { values: out, shape: outShape };
}

const OPS: Record<string, Op> = {
  [tf.Add]: (x, y) => x + y,
  [tf.Sub]: (x, y) => x - y,
  [tf.Multiply]: (x, y) => x * y,
  [tf.RealDiv]: (x, y) => x / y,
  [tf.SquaredDifference]: (x, y) => (x - y) * (x - y),
  [tf.Maximum]: (x, y) => (x > y || Number.isNaN(x) ? x : y),
  [tf.Minimum]: (x, y) => (x < y || Number.isNaN(x) ? x : y),
};

export function installBroadcastBinaryKernels(): void {
  for (const [kernelName, op] of Object.entries(OPS)) {
    const stock = tf.getKernel(kernelName, 'cpu');
    if (stock == null) continue;
    tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel({
      kernelName,
      backendName: 'cpu',
      kernelFunc: (args) => {
        const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
        const sameShape = tf.util.arraysEqual(a.shape, b.shape);
        if (sameShape || a.dtype !== 'float32' || b.dtype !== 'float32' ||
            Math.max(a.shape.length, b.shape.length) > MAX_RANK) {
          return stock.kernelFunc(args);
        }
        const backend = args.backend as unknown as CpuBackendLike;
        const r = broadcastBinary(backend.data.get(a.dataId).values, a.shape,
          backend.data.get(b.dataId).values, b.shape, op);
        return backend.makeTensorInfo(r.shape, 'float32', r.values);
      },
    });
  }
}
