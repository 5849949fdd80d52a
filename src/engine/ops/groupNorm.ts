/**
 * GroupNorm over channels-last [B, H, W, C] as one differentiable op with its closed-form
 * gradient. Built from moments over a 5-D reshape, the tape's version transposes every activation
 * several times a step and made DomainBed's MNIST_CNN 2.5× slower than the same net without
 * normalisation on wasm. Here every reduction over H·W is a batched matrix product with a row of
 * ones ([B, 1, HW] × [B, HW, C]), which XNNPACK runs fast, and the group sums are tiny [B, G, C/G]
 * reductions. Variance is E[x²] − μ² (clamped at 0), as the layer input is a ReLU output of
 * moderate size; normalisation.test.ts checks values and gradients against a two-pass reference.
 */
import * as tf from '@tensorflow/tfjs';

/** Σ over H·W of a [B, H, W, C] tensor, as [B, 1, C] (a batched product with ones). */
function sumOverPixels(x: tf.Tensor4D, ones: tf.Tensor3D): tf.Tensor3D {
  const [b, h, w, c] = x.shape;
  return tf.matMul(ones, tf.reshape(x, [b, h * w, c]) as tf.Tensor3D);
}

/** [B, 1, C] per-channel values → per-group sums spread back over each group's channels, [B, 1, C]. */
function groupSpread(perChannel: tf.Tensor3D, groups: number): tf.Tensor3D {
  const [b, , c] = perChannel.shape;
  const perGroup = tf.sum(tf.reshape(perChannel, [b, groups, c / groups]), 2, true);
  return tf.reshape(tf.tile(perGroup, [1, 1, c / groups]), [b, 1, c]);
}

const asPixelwise = (t: tf.Tensor3D) => tf.reshape(t, [t.shape[0], 1, 1, t.shape[2]]) as tf.Tensor4D;

export function groupNorm(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, groups: number, epsilon: number): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  if (c % groups !== 0) throw new Error(`groupNorm: ${c} channels do not split into ${groups} groups`);
  const n = h * w * (c / groups);
  const op = tf.customGrad((input, g, bt, save) => {
    const xs = input as tf.Tensor4D;
    const ones = tf.ones([b, 1, h * w]) as tf.Tensor3D;
    const mean = tf.div(groupSpread(sumOverPixels(xs, ones), groups), n);
    const meanSq = tf.div(groupSpread(sumOverPixels(tf.square(xs), ones), groups), n);
    const variance = tf.relu(tf.sub(meanSq, tf.square(mean)));
    const invStd = tf.rsqrt(tf.add(variance, epsilon)); // [B, 1, C], per group
    const scale = asPixelwise(tf.mul(invStd, g as tf.Tensor1D));
    const shift = asPixelwise(tf.sub(bt as tf.Tensor1D, tf.mul(mean, tf.mul(invStd, g as tf.Tensor1D))));
    (save as tf.GradSaveFunc)([xs, mean, invStd, g as tf.Tensor, ones]);
    return {
      value: tf.add(tf.mul(xs, scale), shift),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xSaved, mu, s, gm, one] = saved as [tf.Tensor4D, tf.Tensor3D, tf.Tensor3D, tf.Tensor1D, tf.Tensor3D];
        const d = dy as tf.Tensor4D;
        const xhat = tf.add(tf.mul(xSaved, asPixelwise(s)), asPixelwise(tf.neg(tf.mul(mu, s)) as tf.Tensor3D)) as tf.Tensor4D;
        const sumDy = sumOverPixels(d, one) as tf.Tensor3D; // [B, 1, C]
        const sumDyXhat = sumOverPixels(tf.mul(d, xhat) as tf.Tensor4D, one) as tf.Tensor3D;
        const dBeta = tf.reshape(tf.sum(sumDy, [0, 1]), [c]);
        const dGamma = tf.reshape(tf.sum(sumDyXhat, [0, 1]), [c]);
        // dx̂ = dy·γ; dx = s·(dx̂ − mean_g(dx̂) − x̂·mean_g(dx̂·x̂))
        const m1 = tf.div(groupSpread(tf.mul(sumDy, gm), groups), n);
        const m2 = tf.div(groupSpread(tf.mul(sumDyXhat, gm), groups), n);
        const dx = tf.sub(
          tf.sub(tf.mul(d, asPixelwise(tf.mul(s, gm))), asPixelwise(tf.mul(s, m1))),
          tf.mul(xhat, asPixelwise(tf.mul(s, m2))),
        );
        return [dx, dGamma, dBeta];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor4D;
}
