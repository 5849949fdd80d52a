/** The fused BatchNorm/LayerNorm ops against TF.js's own layer calls differentiated by the tape. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { batchNormTraining, isFusableBatchNorm, isFusableLayerNorm, layerNorm } from './normalization';

beforeAll(async () => { await useNodeBackend('cpu'); });

type Call = (x: tf.Tensor) => tf.Tensor;

/** value and gradients (x, then the layer's trainable weights) of Σ y·w, and the layer's weights after the call */
async function differentiate(layer: tf.layers.Layer, call: Call, x: tf.Tensor, w: tf.Tensor) {
  const vars = layer.trainableWeights.map((v) => v.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(call(x), w)) as tf.Scalar, vars);
  const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(call(input), w)))(x);
  return {
    value: (await value.data())[0],
    grads: await Promise.all([dx, ...vars.map((v) => grads[v.name])].map((g) => g.data())),
    weights: await Promise.all(layer.getWeights().map((t) => t.data())),
  };
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, what: string, rtol = 2e-5): void {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i]), `${what}[${i}]`).toBeLessThanOrEqual(rtol * Math.max(scale, 1e-6));
}

function twinLayers(make: () => tf.layers.Layer, inputShape: number[]): [tf.layers.Layer, tf.layers.Layer] {
  const a = make();
  const b = make();
  a.apply(tf.input({ shape: inputShape.slice(1) }));
  b.apply(tf.input({ shape: inputShape.slice(1) }));
  const weights = a.getWeights().map((t, i) => tf.add(t, tf.randomNormal(t.shape, 0, 0.3, 'float32', 11 + i)));
  a.setWeights(weights);
  b.setWeights(weights);
  return [a, b];
}

describe('batchNormTraining', () => {
  it.each([[[8, 5, 5, 6]], [[16, 7]]])('matches the layer in training mode for input %j: output, gradients, moving statistics', async (shape) => {
    const [stock, fused] = twinLayers(() => tf.layers.batchNormalization({ momentum: 0.9 }), shape);
    expect(isFusableBatchNorm(fused, shape.length)).toBe(true);
    const x = tf.randomNormal(shape, 0.5, 2, 'float32', 3);
    const w = tf.randomNormal(shape, 0, 1, 'float32', 4);
    const ref = await differentiate(stock, (t) => stock.apply(t, { training: true }) as tf.Tensor, x, w);
    const got = await differentiate(fused, (t) => batchNormTraining(fused as never, t), x, w);
    expect(got.value).toBeCloseTo(ref.value, 3);
    ref.grads.forEach((g, i) => expectClose(got.grads[i], g, `gradient ${i}`));
    // the moving statistics moved the same way (three calls each: value, grads and dx)
    ref.weights.forEach((v, i) => expectClose(got.weights[i], v, `weight ${i}`, 1e-6));
  });
});

describe('layerNorm', () => {
  it('matches the layer: output and gradients', async () => {
    const shape = [4, 16, 12];
    const [stock, fused] = twinLayers(() => tf.layers.layerNormalization({ epsilon: 1e-5 }), shape);
    expect(isFusableLayerNorm(fused, shape.length)).toBe(true);
    const x = tf.randomNormal(shape, 0.2, 1.5, 'float32', 5);
    const w = tf.randomNormal(shape, 0, 1, 'float32', 6);
    const ref = await differentiate(stock, (t) => stock.apply(t) as tf.Tensor, x, w);
    const got = await differentiate(fused, (t) => layerNorm(fused as never, t), x, w);
    expect(got.value).toBeCloseTo(ref.value, 3);
    ref.grads.forEach((g, i) => expectClose(got.grads[i], g, `gradient ${i}`));
  });
});
