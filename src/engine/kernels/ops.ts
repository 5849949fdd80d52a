/** The fused kernels as ops (see names.ts for what each computes). Not differentiable themselves (ops/ wraps those that need a gradient). */
import * as tf from '@tensorflow/tfjs';
import {
  ADAM_MOMENTS, ADAM_STEP, MOMENTUM, PULL, SCALED_SUB, SPD_APPLY, SPD_STATE, SQUARED_DISTANCE,
  type AdamMomentsAttrs, type AdamStepAttrs, type SpdApplyAttrs,
} from './names';

const run = (name: string, inputs: tf.NamedTensorMap, attrs: object = {}) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;

export const adamMoments = (moments: tf.Tensor, grad: tf.Tensor, a: AdamMomentsAttrs) => run(ADAM_MOMENTS, { moments, grad }, a);
export const adamStep = (theta: tf.Tensor, moments: tf.Tensor, a: AdamStepAttrs) => run(ADAM_STEP, { theta, moments }, a);
export const momentumBuffer = (buffer: tf.Tensor, grad: tf.Tensor, momentum: number) => run(MOMENTUM, { buffer, grad }, { momentum });
export const scaledSub = (x: tf.Tensor, y: tf.Tensor, scale: number) => run(SCALED_SUB, { x, y }, { scale });
export const spdState = (theta: tf.Tensor, grad: tf.Tensor, anchor: tf.Tensor, proposed: tf.Tensor, state: tf.Tensor) =>
  run(SPD_STATE, { theta, grad, anchor, proposed, state });
export const spdApply = (proposed: tf.Tensor, anchor: tf.Tensor, state: tf.Tensor, a: SpdApplyAttrs) => run(SPD_APPLY, { proposed, anchor, state }, a);
export const squaredDistance = (x: tf.Tensor, anchor: tf.Tensor) => run(SQUARED_DISTANCE, { x, anchor }) as tf.Scalar;
export const pull = (grad: tf.Tensor, x: tf.Tensor, anchor: tf.Tensor, strength: number) => run(PULL, { grad, x, anchor }, { strength });
