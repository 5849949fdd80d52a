/** A fused kernel run as an op. Not differentiable itself (ops/ wraps the kernels that need a gradient). */
import * as tf from '@tensorflow/tfjs';

export const runFused = (name: string, inputs: tf.NamedTensorMap, attrs: object = {}) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
