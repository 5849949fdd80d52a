/** Per-layer weight drift ‖W − W0‖_F / ‖W0‖_F over all of a layer's trainable weights. */
import * as tf from '@tensorflow/tfjs';

export interface LayerWeights {
  layer: string;
  current: tf.Tensor[];
  initial: tf.Tensor[];
}

export function relativeDrift(current: tf.Tensor[], initial: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    let num: tf.Tensor = tf.scalar(0);
    let den: tf.Tensor = tf.scalar(0);
    current.forEach((w, i) => {
      num = tf.add(num, tf.sum(tf.square(tf.sub(w, initial[i]))));
      den = tf.add(den, tf.sum(tf.square(initial[i])));
    });
    // a layer whose initial weights are all zero (a zero-initialised head) reports its absolute norm
    return tf.div(tf.sqrt(num), tf.where(tf.greater(den, 0), tf.sqrt(den), tf.onesLike(den))) as tf.Scalar;
  });
}
