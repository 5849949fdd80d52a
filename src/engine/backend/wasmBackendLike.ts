import type * as tf from '@tensorflow/tfjs-core';

/** The few members of TF.js's BackendWasm that our added kernels use. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  disposeData(id: tf.DataId): boolean;
}

export type KernelArgs = Parameters<tf.KernelFunc>[0];
