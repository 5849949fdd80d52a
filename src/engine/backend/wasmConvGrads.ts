/**
 * Convolution gradients for TF.js's wasm backend. It has no Conv2DBackpropFilter at all (so it
 * cannot train conv nets) and a naive Conv2DBackpropInput; both become one XNNPACK matrix product
 * through the backend's own BatchMatMul plus an im2col/col2im pass in JS:
 *   dW [K, Cout] = colsT [K, N] · dy [N, Cout]
 *   dx = col2im( dy [N, Cout] · Wᵀ [Cout, K] )
 * Channels-last, dilation 1 (what Conv2D's gradient asks for).
 */
import * as tf from '@tensorflow/tfjs-core';
import { col2imAdd, geometryOf, im2colTransposed } from './convGeometry';
import type { KernelArgs, WasmBackendLike } from './wasmBackendLike';

type ConvGradAttrs = {
  strides: [number, number] | number; pad: tf.Conv2DBackpropFilterAttrs['pad'];
  dataFormat: 'NHWC' | 'NCHW'; dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

function convInfo(xShape: number[], filterShape: number[], attrs: ConvGradAttrs) {
  if (tf.backend_util.convertConv2DDataFormat(attrs.dataFormat) !== 'channelsLast') {
    throw new Error('wasm conv gradients support NHWC only');
  }
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
}

function transpose2d(a: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
}

function view(t: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

export function installWasmConvGradKernels(): void {
  const matMul = tf.getKernel(tf.BatchMatMul, 'wasm');
  if (matMul == null) return;
  const product = (args: KernelArgs, a: tf.TensorInfo, b: tf.TensorInfo) =>
    matMul.kernelFunc({
      inputs: { a, b }, backend: args.backend,
      attrs: { transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap,
    }) as tf.TensorInfo;

  if (tf.getKernel(tf.Conv2DBackpropFilter, 'wasm') == null) {
    tf.registerKernel({
      kernelName: tf.Conv2DBackpropFilter,
      backendName: 'wasm',
      kernelFunc: (args) => {
        const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
        const attrs = args.attrs as unknown as ConvGradAttrs & { filterShape: number[] };
        const info = convInfo(x.shape, attrs.filterShape, attrs);
        const g = geometryOf(info);
        const backend = args.backend as unknown as WasmBackendLike;
        const n = g.batch * g.outH * g.outW;
        const k = g.kH * g.kW * g.inC;
        const colsT = backend.makeOutput([1, k, n], 'float32');
        // take heap views only after allocating: heap growth detaches older views
        im2colTransposed(g, backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(colsT));
        const out = product(args, colsT, view(dy, [1, n, g.outC]));
        backend.disposeData(colsT.dataId);
        out.shape = [...info.filterShape];
        return out;
      },
    });
  }

  tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm');
  tf.registerKernel({
    kernelName: tf.Conv2DBackpropInput,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
      const attrs = args.attrs as unknown as ConvGradAttrs & { inputShape: number[] };
      const info = convInfo(attrs.inputShape, filter.shape, attrs);
      const g = geometryOf(info);
      const backend = args.backend as unknown as WasmBackendLike;
      const n = g.batch * g.outH * g.outW;
      const k = g.kH * g.kW * g.inC;
      // XNNPACK is only used for the untransposed product, so transpose the (small) filter here
      const filterT = backend.makeOutput([1, g.outC, k], 'float32');
      transpose2d(backend.typedArrayFromHeap(filter), k, g.outC, backend.typedArrayFromHeap(filterT));
      const cols = product(args, view(dy, [1, n, g.outC]), filterT);
      backend.disposeData(filterT.dataId);
      const dx = backend.makeOutput([...attrs.inputShape], 'float32');
      const dxValues = backend.typedArrayFromHeap(dx);
      dxValues.fill(0);
      col2imAdd(g, backend.typedArrayFromHeap(cols), dxValues);
      backend.disposeData(cols.dataId);
      return dx;
    },
  });
}
