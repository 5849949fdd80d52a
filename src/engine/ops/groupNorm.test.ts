/** The fused GroupNorm op against a two-pass reference differentiated by the tape, and the layer's weights. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { GroupNormalization } from '../models/groupNorm';
import { groupNorm } from './groupNorm';

beforeAll(async () => { await useNodeBackend('cpu'); });

/** torch.nn.GroupNorm's definition, written plainly: moments over (H, W, C/G) per example and group. */
function reference(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, groups: number, eps: number): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const g = tf.reshape(x, [b, h, w, groups, c / groups]);
  const mean = tf.mean(g, [1, 2, 4], true);
  const variance = tf.mean(tf.square(tf.sub(g, mean)), [1, 2, 4], true);
  const normalised = tf.reshape(tf.div(tf.sub(g, mean), tf.sqrt(tf.add(variance, eps))), [b, h, w, c]);
  return tf.add(tf.mul(normalised, gamma), beta) as tf.Tensor4D;
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('groupNorm', () => {
  it('computes torch GroupNorm and its gradients (x, γ, β)', () => {
    tf.tidy(() => {
      // ReLU-like non-negative inputs with an offset, as the layer sees them in MNIST_CNN
      const x = tf.relu(tf.add(tf.randomNormal([3, 5, 4, 16], 0, 1, 'float32', 1), 0.3)) as tf.Tensor4D;
      const gamma = tf.randomUniform([16], 0.5, 1.5, 'float32', 2) as tf.Tensor1D;
      const beta = tf.randomNormal([16], 0, 0.3, 'float32', 3) as tf.Tensor1D;
      const weights = tf.randomNormal([3, 5, 4, 16], 0, 1, 'float32', 4);
      const loss = (f: typeof groupNorm) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, 4, 1e-5), weights));
      expect(maxAbsDiff(groupNorm(x, gamma, beta, 4, 1e-5), reference(x, gamma, beta, 4, 1e-5))).toBeLessThan(2e-5);
      const ours = tf.grads(loss(groupNorm))([x, gamma, beta]);
      const theirs = tf.grads(loss(reference))([x, gamma, beta]);
      ours.forEach((g, i) => {
        const scale = tf.max(tf.abs(theirs[i])).dataSync()[0];
        expect(maxAbsDiff(g, theirs[i]) / scale, `gradient ${i}`).toBeLessThan(1e-4);
      });
    });
  });

  it('normalises each example and group to mean 0 and variance 1 before γ, β; the layer starts at γ = 1, β = 0', () => {
    const layer = new GroupNormalization({ groups: 8, name: 'gn_test' });
    tf.tidy(() => {
      const x = tf.relu(tf.randomNormal([2, 6, 6, 32], 1, 2, 'float32', 5));
      const y = layer.apply(x) as tf.Tensor4D;
      const grouped = tf.reshape(y, [2, 36, 8, 4]);
      const mean = tf.mean(grouped, [1, 3]);
      const variance = tf.mean(tf.square(tf.sub(grouped, tf.reshape(mean, [2, 1, 8, 1]))), [1, 3]);
      expect(tf.max(tf.abs(mean)).dataSync()[0]).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(tf.sub(variance, 1))).dataSync()[0]).toBeLessThan(1e-3);
    });
    expect(layer.getWeights().map((w) => Array.from(w.dataSync()).every((v) => v === w.dataSync()[0]))).toEqual([true, true]);
    expect(layer.getWeights().map((w) => w.dataSync()[0])).toEqual([1, 0]);
    expect(() => new GroupNormalization({ groups: 8 }).apply(tf.zeros([1, 2, 2, 12]))).toThrow(/12 channels do not split into 8 groups/);
  });
});
