/**
 * What the fused kernels replace: the optimiser updates and SPD's projection as composed TF.js
 * ops, exactly as the engine computed them before the kernels existed. Kept as the reference the
 * kernels are tested against on every backend (kernels.test.ts, the browser kernel check).
 */
import * as tf from '@tensorflow/tfjs';
import { SPD_EPS, type AdamMomentsAttrs, type AdamStepAttrs } from './names';

export function adamMomentsComposed(m: tf.Tensor, v: tf.Tensor, g: tf.Tensor, a: AdamMomentsAttrs): [tf.Tensor, tf.Tensor] {
  return [
    tf.add(tf.mul(m, a.beta1), tf.mul(g, 1 - a.beta1)),
    tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(g), 1 - a.beta2)),
  ];
}

export function adamStepComposed(theta: tf.Tensor, m: tf.Tensor, v: tf.Tensor, a: AdamStepAttrs): tf.Tensor {
  const step = tf.div(tf.div(m, a.c1), tf.add(tf.sqrt(tf.div(v, a.c2)), a.epsilon));
  return tf.sub(theta, tf.mul(step, a.lr));
}

export function momentumComposed(b: tf.Tensor, g: tf.Tensor, momentum: number): tf.Tensor {
  return tf.add(tf.mul(b, momentum), g);
}

export function scaledSubComposed(x: tf.Tensor, y: tf.Tensor, scale: number): tf.Tensor {
  return tf.sub(x, tf.mul(y, scale));
}

/** SPD's projection of one proposed tensor, and whether its condition held (0/1). */
export function spdComposed(theta: tf.Tensor, g: tf.Tensor, anchor: tf.Tensor, proposed: tf.Tensor, lambda: number): { projected: tf.Tensor; inconsistent: tf.Scalar } {
  const dev = tf.sub(theta, anchor);
  const inconsistent = tf.cast(tf.less(tf.neg(tf.sum(tf.mul(g, dev))), 0), 'float32') as tf.Scalar;
  const proposedDev = tf.sub(proposed, anchor);
  const next = tf.norm(proposedDev);
  const r = tf.clipByValue(tf.div(tf.sub(next, tf.norm(dev)), tf.add(next, SPD_EPS)), 0, 1);
  return { projected: tf.sub(proposed, tf.mul(tf.mul(inconsistent, tf.mul(r, lambda)), proposedDev)), inconsistent };
}

/** L2-SP's penalty sum, and a gradient with the penalty's gradient added as the tape adds it. */
export function squaredDistanceComposed(x: tf.Tensor, anchor: tf.Tensor): tf.Scalar {
  return tf.sum(tf.square(tf.sub(x, anchor)));
}

export function pullComposed(g: tf.Tensor, x: tf.Tensor, anchor: tf.Tensor, strength: number): tf.Tensor {
  return tf.add(g, tf.mul(tf.sub(x, anchor), strength));
}
