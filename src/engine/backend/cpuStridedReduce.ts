/**
 * Sum and Mean over arbitrary axes for TF.js's cpu backend without the stock kernels' transpose
 * (which walks every element through index/coordinate conversions). BatchNorm reduces [N,H,W,C]
 * over N,H,W on every step, forward and backward.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CpuBackendLike } from './cpuBackendLike';

export function stridedReduceSum(
  x: Float32Array, shape: readonly number[], axes: readonly number[],
): { values: Float32Array; outShape: number[]; count: number } {
  const rank = shape.length;
  const reduced = new Array<boolean>(rank).fill(false);
  for (const a of axes) reduced[a] = true;
  const outShape = shape.filter((_, i) => !reduced[i]);
  const out = new Float32Array(outShape.reduce((p, d) => p * d, 1));
  const acc = new Float64Array(out.length);
  // output strides laid over the input's axes (0 on reduced axes)
  const os = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = rank - 1; i >= 0; i--) {
    if (!reduced[i]) { os[i] = stride; stride *= shape[i]; }
  }
  const size = x.length;
  const count = size / Math.max(out.length, 1);
  if (size === 0) return { values: out, outShape, count: 0 };
  const inner = shape[rank - 1];
  const oInner = os[rank - 1];
  const counter = new Array<number>(rank).fill(0);
  let oi = 0;
  for (let i = 0; i < size; i += inner) {
    let oj = oi;
    for (let j = 0; j < inner; j++) { acc[oj] += x[i + j]; oj += oInner; }
    for (let axis = rank - 2; axis >= 0; axis--) {
      counter[axis]++;
      oi += os[axis];
      if (counter[axis] < shape[axis]) break;
      oi -= os[axis] * shape[axis];
      counter[axis] = 0;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = acc[i];
  return { values: out, outShape, count };
}

function install(kernelName: string, mean: boolean): void {
  const stock = tf.getKernel(kernelName, 'cpu');
  if (stock == null) return;
  tf.unregisterKernel(kernelName, 'cpu');
  tf.registerKernel({
    kernelName,
    backendName: 'cpu',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const attrs = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
      if (x.dtype !== 'float32' || x.shape.length === 0) return stock.kernelFunc(args);
      const axes = tf.util.parseAxisParam(attrs.axis, x.shape);
      const backend = args.backend as unknown as CpuBackendLike;
      const r = stridedReduceSum(backend.data.get(x.dataId).values, x.shape, axes);
      if (mean && r.count > 0) for (let i = 0; i < r.values.length; i++) r.values[i] /= r.count;
      const shape = attrs.keepDims ? tf.backend_util.expandShapeToKeepDim(r.outShape, axes) : r.outShape;
      return backend.makeTensorInfo(shape, 'float32', r.values);
    },
  });
}

export function installStridedReduceKernels(): void {
  install(tf.Sum, false);
  install(tf.Mean, true);
}
