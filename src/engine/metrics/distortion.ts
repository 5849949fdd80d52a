/**
 * Feature distortion as the LP-FT paper measures it: for each probe image the distance between the
 * current penultimate features f_t(x) and the pretrained ones f_0(x), both in inference mode.
 * Returns scalars (on the device) so an evaluation reads everything back at once.
 */
import * as tf from '@tensorflow/tfjs';

export interface DistortionTensors {
  /** mean ‖f_t − f_0‖₂ */
  l2: tf.Scalar;
  /** mean ‖f_t − f_0‖₂ / ‖f_0‖₂ */
  relative: tf.Scalar;
  /** mean cosine similarity of f_t and f_0 */
  cosine: tf.Scalar;
}

const EPS = 1e-12;

export function featureDistortion(current: tf.Tensor2D, pretrained: tf.Tensor2D): DistortionTensors {
  return tf.tidy(() => {
    const diff = tf.norm(tf.sub(current, pretrained), 'euclidean', 1);
    const n0 = tf.norm(pretrained, 'euclidean', 1);
    const nt = tf.norm(current, 'euclidean', 1);
    const dot = tf.sum(tf.mul(current, pretrained), 1);
    return {
      l2: tf.mean(diff) as tf.Scalar,
      relative: tf.mean(tf.div(diff, tf.add(n0, EPS))) as tf.Scalar,
      cosine: tf.mean(tf.div(dot, tf.add(tf.mul(nt, n0), EPS))) as tf.Scalar,
    };
  });
}
