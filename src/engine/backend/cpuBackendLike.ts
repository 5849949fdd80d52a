import type * as tf from '@tensorflow/tfjs-core';

/** The few members of TF.js's MathBackendCPU that our replacement kernels use. */
export interface CpuBackendLike {
  data: { get(id: tf.DataId): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}
