/** DomainBed's MNIST_CNN as built here: its parameter count, shapes, PyTorch-style stride-2 padding and channel slicing. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { buildMnistCnn, mnistCnnMacs } from './mnistCnn';

beforeAll(async () => { await useNodeBackend('cpu'); });

describe('MNIST_CNN', () => {
  it('has DomainBed\'s parameters at width 64: four 3×3 convs (C→64→128→128→128), four GroupNorms, a 128→C head', () => {
    // from domainbed/networks.py: conv weights + biases, GroupNorm γ and β, Linear(128, C)
    const convs = (c: number) => (c * 64 * 9 + 64) + (64 * 128 * 9 + 128) + 2 * (128 * 128 * 9 + 128);
    const norms = 2 * (64 + 3 * 128);
    for (const [channels, classes] of [[1, 10], [2, 2]] as const) {
      const { model, anatomy } = buildMnistCnn({ inputChannels: channels, numClasses: classes, seed: 0 });
      expect(model.countParams()).toBe(convs(channels) + norms + 128 * classes + classes);
      expect(model.getLayer('features').outputShape).toEqual([null, 128]);
      expect(model.getLayer('c2_conv').outputShape).toEqual([null, 14, 14, 128]);
      expect(anatomy.blocks.map((b) => b.name)).toEqual(['c1', 'c2', 'c3', 'c4']);
      model.dispose();
    }
    expect(mnistCnnMacs(64, 1)).toBe(28 * 28 * 9 * 64 + 14 * 14 * 9 * (64 * 128 + 2 * 128 * 128));
  });

  it('reads only the channels DomainBed gives it, and starts from PyTorch\'s U(±1/√fan_in) initialisation', () => {
    const { model } = buildMnistCnn({ inputChannels: 2, numClasses: 2, width: 8, seed: 3 });
    const blue = tf.tidy(() => tf.concat([tf.zeros([1, 28, 28, 2]), tf.ones([1, 28, 28, 1])], 3));
    const black = tf.zeros([1, 28, 28, 3]);
    // the blue plane is not an input of ColoredMNIST's network
    expect(Array.from((model.predict(blue) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(black) as tf.Tensor).dataSync()));
    const kernel = model.getLayer('c3_conv').getWeights()[0].dataSync();
    const bound = 1 / Math.sqrt(16 * 9);
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...kernel.map(Math.abs))).toBeGreaterThan(0.9 * bound);
    tf.dispose([blue, black]);
    model.dispose();
  });

  it('pads the stride-2 convolution as PyTorch\'s padding=1: output (i, j) is centred on input (2i, 2j)', () => {
    const { model } = buildMnistCnn({ inputChannels: 1, numClasses: 10, width: 8, seed: 0 });
    const conv = model.getLayer('c2_conv');
    const [kernel, bias] = conv.getWeights();
    // a kernel that copies the top-left tap of input channel 0 into output channel 0
    const tap = tf.buffer(kernel.shape, 'float32');
    tap.set(1, 0, 0, 0, 0);
    conv.setWeights([tap.toTensor(), tf.zerosLike(bias)]);
    const input = tf.tidy(() => tf.reshape(tf.add(tf.range(0, 28 * 28), 1), [1, 28, 28, 1]).tile([1, 1, 1, 8]));
    const out = tf.tidy(() => conv.apply(model.getLayer('c2_pad').apply(input)) as tf.Tensor4D);
    const at = (t: tf.Tensor4D, i: number, j: number) => t.bufferSync().get(0, i, j, 0);
    const inBuf = input.bufferSync();
    // PyTorch: out[i, j] sums input rows 2i−1…2i+1; the top-left tap reads input (2i − 1, 2j − 1), zero outside
    expect(at(out, 0, 0)).toBe(0);
    expect(at(out, 0, 3)).toBe(0);
    expect(at(out, 1, 1)).toBe(inBuf.get(0, 1, 1, 0));
    expect(at(out, 5, 9)).toBe(inBuf.get(0, 9, 17, 0));
    expect(out.shape).toEqual([1, 14, 14, 16]);
    tf.dispose([input, out]);
    model.dispose();
  });
});
