/**
 * BatchNorm in training mode and LayerNorm as single differentiable ops (tf.customGrad) with
 * their closed-form gradients. TF.js's layers build both from moments, tiles and a FusedBatchNorm
 * whose gradient the tape differentiates op by op: ~90 kernels per BatchNorm per step, most of
 * them clones of saved tensors and reshapes. Here the forward pass runs untaped and the backward
 * pass is a dozen kernels. Forward values are computed as the layers compute them; gradients are
 * the same functions (tested against the tape's gradients in normalization.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { scaledSub } from '../kernels/fused/scaledSub';
import { constant } from './constants';

interface Weight { read(): tf.Tensor; write(t: tf.Tensor): void }

/** The members of TF.js's BatchNormalization this op reads and updates. */
export interface BatchNormLayerLike {
  gamma: Weight; beta: Weight; movingMean: Weight; movingVariance: Weight;
  momentum: number; epsilon: number; axis: number; center: boolean; scale: boolean;
}

/** The members of TF.js's LayerNormalization this op reads. */
export interface LayerNormLayerLike { gamma: Weight; beta: Weight; epsilon: number; axis: number[]; center: boolean; scale: boolean }

/** Whether a BatchNorm layer is the channels-last, scaled and centred kind this op handles. */
export function isFusableBatchNorm(layer: unknown, rank: number): layer is BatchNormLayerLike {
  const l = layer as Partial<BatchNormLayerLike>;
  return !!l.gamma && !!l.beta && l.center === true && l.scale === true && (l.axis === -1 || l.axis === rank - 1);
}

export function isFusableLayerNorm(layer: unknown, rank: number): layer is LayerNormLayerLike {
  const l = layer as Partial<LayerNormLayerLike>;
  return !!l.gamma && !!l.beta && l.center === true && l.scale === true && Array.isArray(l.axis) && l.axis.length === 1 && l.axis[0] === rank - 1;
}

/**
 * BatchNorm with batch statistics over every axis but the last, updating the layer's moving
 * mean and variance as Keras does (m ← m − (m − μ)·(1 − momentum)).
 */
export function batchNormTraining(layer: BatchNormLayerLike, x: tf.Tensor): tf.Tensor {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const n = x.size / x.shape[x.rank - 1];
  const op = tf.customGrad((input, gamma, beta, save) => {
    const xs = input as tf.Tensor;
    const mean = tf.mean(xs, axes);
    const centered = tf.sub(xs, mean);
    const variance = tf.mean(tf.square(centered), axes);
    const y = tf.batchNorm(xs, mean, variance, beta as tf.Tensor, gamma as tf.Tensor, layer.epsilon);
    const decay = 1 - layer.momentum;
    for (const [w, value] of [[layer.movingMean, mean], [layer.movingVariance, variance]] as const) {
      const current = w.read();
      w.write(scaledSub(current, tf.sub(current, value), decay));
    }
    const invStd = tf.rsqrt(tf.add(variance, constant(layer.epsilon)));
    (save as tf.GradSaveFunc)([centered, invStd, gamma as tf.Tensor]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [c, s, g] = saved;
        const d = dy as tf.Tensor;
        const xhat = tf.mul(c, s);
        const dBeta = tf.sum(d, axes);
        const dGamma = tf.sum(tf.mul(d, xhat), axes);
        // dx = γ·s · (dy − mean(dy) − x̂·mean(dy·x̂)) over the batch axes
        const perN = constant(1 / n);
        const dx = tf.mul(tf.sub(tf.sub(d, tf.mul(dBeta, perN)), tf.mul(xhat, tf.mul(dGamma, perN))), tf.mul(g, s));
        return [dx, dGamma, dBeta];
      },
    };
  });
  return op(x, layer.gamma.read(), layer.beta.read());
}

/** LayerNorm over the last axis: (x − μ)/√(σ² + ε)·γ + β per row. */
export function layerNorm(layer: LayerNormLayerLike, x: tf.Tensor): tf.Tensor {
  const last = x.rank - 1;
  const rows = Array.from({ length: last }, (_, i) => i);
  const op = tf.customGrad((input, gamma, beta, save) => {
    const xs = input as tf.Tensor;
    const centered = tf.sub(xs, tf.mean(xs, last, true));
    const invStd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), last, true), constant(layer.epsilon)));
    const xhat = tf.mul(centered, invStd);
    (save as tf.GradSaveFunc)([xhat, invStd, gamma as tf.Tensor]);
    return {
      value: tf.add(tf.mul(xhat, gamma as tf.Tensor), beta as tf.Tensor),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [h, s, g] = saved;
        const d = dy as tf.Tensor;
        const dh = tf.mul(d, g);
        // dx = s · (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) along the row
        const dx = tf.mul(tf.sub(tf.sub(dh, tf.mean(dh, last, true)), tf.mul(h, tf.mean(tf.mul(dh, h), last, true))), s);
        return [dx, tf.sum(tf.mul(d, h), rows), tf.sum(d, rows)];
      },
    };
  });
  return op(x, layer.gamma.read(), layer.beta.read());
}
