/**
 * Float32 Tile for TF.js's wasm backend: its stock kernel is slow on the [1,1,1,C] → [N,H,W,C]
 * tiles of BatchNorm's backward pass. Copies whole innermost rows.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WasmBackendLike } from './wasmBackendLike';

export function tileValues(x: Float32Array, shape: readonly number[], reps: readonly number[], out: Float32Array): void {
  const rank = shape.length;
  if (rank === 0) { out[0] = x[0]; return; }
  const outShape = shape.map((d, i) => d * reps[i]);
  const strides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
  const inner = shape[rank - 1];
  const innerOut = outShape[rank - 1];
  const counter = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o += innerOut) {
    let src = 0;
    for (let a = 0; a < rank - 1; a++) src += (counter[a] % shape[a]) * strides[a];
    for (let j = 0; j < innerOut; j++) out[o + j] = x[src + (j % inner)];
    for (let a = rank - 2; a >= 0; a--) {
      if (++counter[a] < outShape[a]) break;
      counter[a] = 0;
    }
  }
}

export function installWasmTileKernel(): void {
  const stock = tf.getKernel(tf.Tile, 'wasm');
  if (stock == null) return;
  tf.unregisterKernel(tf.Tile, 'wasm');
  tf.registerKernel({
    kernelName: tf.Tile,
    backendName: 'wasm',
    setupFunc: stock.setupFunc,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      const { reps } = args.attrs as unknown as { reps: number[] };
      if (x.dtype !== 'float32') return stock.kernelFunc(args);
      const backend = args.backend as unknown as WasmBackendLike;
      const out = backend.makeOutput(x.shape.map((d, i) => d * reps[i]), 'float32');
      tileValues(backend.typedArrayFromHeap(x), x.shape, reps, backend.typedArrayFromHeap(out));
      return out;
    },
  });
}
