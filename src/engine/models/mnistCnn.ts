/**
 * DomainBed's MNIST_CNN (domainbed/networks.py), the featurizer its ERM trains from scratch on
 * RotatedMNIST and ColoredMNIST, rebuilt as a TF.js layers model:
 *   conv 3×3 (C_in → w) → ReLU → GroupNorm(8)
 *   conv 3×3 stride 2, padding 1 (w → 2w) → ReLU → GroupNorm(8)      28×28 → 14×14
 *   conv 3×3 (2w → 2w) → ReLU → GroupNorm(8)
 *   conv 3×3 (2w → 2w) → ReLU → GroupNorm(8)
 *   global average pool → 2w features → linear head
 * DomainBed's width is w = 64 (128 features); a smaller w is our reduced budget, stated wherever it
 * is used. PyTorch's padding=1 is written as an explicit 1-pixel zero pad so the stride-2 windows
 * sit where PyTorch puts them (TF's 'same' would pad only the bottom/right). Weights start from
 * PyTorch's default initialisation: U(±1/√fan_in) for kernels and biases.
 */
import * as tf from '@tensorflow/tfjs';
import { anatomyFromPrefixes, type ModelAnatomy } from './anatomy';
import { ChannelSlice } from './channelSlice';
import { GroupNormalization } from './groupNorm';

export const DOMAINBED_WIDTH = 64;
export const GROUPS = 8;

export interface MnistCnnOptions {
  /** DomainBed's input channels: 1 for RotatedMNIST, 2 for ColoredMNIST */
  inputChannels: 1 | 2;
  numClasses: number;
  /** channels of the first convolution (the others have twice as many); DomainBed: 64 */
  width?: number;
  seed: number;
}

type Sym = tf.SymbolicTensor;

/** PyTorch's default for Conv2d and Linear (kaiming_uniform with a = √5): U(−1/√fan_in, 1/√fan_in). */
function torchDefault(fanIn: number, seed: number) {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed });
}

export function buildMnistCnn(opts: MnistCnnOptions): { model: tf.LayersModel; anatomy: ModelAnatomy } {
  const w = opts.width ?? DOMAINBED_WIDTH;
  if (w % GROUPS !== 0) throw new Error(`MNIST_CNN width ${w} must be a multiple of ${GROUPS} (GroupNorm groups)`);
  let seed = opts.seed * 1000;
  const block = (x: Sym, inChannels: number, filters: number, stride: 1 | 2, name: string): Sym => {
    const fanIn = inChannels * 9;
    const padded = stride === 2 ? tf.layers.zeroPadding2d({ padding: 1, name: `${name}_pad` }).apply(x) as Sym : x;
    const conv = tf.layers.conv2d({
      filters, kernelSize: 3, strides: stride, padding: stride === 2 ? 'valid' : 'same', name: `${name}_conv`,
      kernelInitializer: torchDefault(fanIn, seed++), biasInitializer: torchDefault(fanIn, seed++),
    }).apply(padded) as Sym;
    const relu = tf.layers.reLU({ name: `${name}_relu` }).apply(conv) as Sym;
    return new GroupNormalization({ groups: GROUPS, name: `${name}_gn` }).apply(relu) as Sym;
  };
  const input = tf.input({ shape: [28, 28, 3], name: 'image' });
  let x = new ChannelSlice({ channels: opts.inputChannels, name: 'input_channels' }).apply(input) as Sym;
  x = block(x, opts.inputChannels, w, 1, 'c1');
  x = block(x, w, 2 * w, 2, 'c2');
  x = block(x, 2 * w, 2 * w, 1, 'c3');
  x = block(x, 2 * w, 2 * w, 1, 'c4');
  const features = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(x) as Sym;
  const logits = tf.layers.dense({
    units: opts.numClasses, name: 'head',
    kernelInitializer: torchDefault(2 * w, seed++), biasInitializer: torchDefault(2 * w, seed++),
  }).apply(features) as Sym;
  const model = tf.model({ inputs: input, outputs: logits, name: 'mnist_cnn' });
  const anatomy = anatomyFromPrefixes(model, ['c1', 'c2', 'c3', 'c4'], {
    featureLayer: 'features', headLayer: 'head', taps: ['c1_gn', 'c2_gn', 'c3_gn', 'c4_gn'],
  });
  return { model, anatomy };
}

/** Multiply-accumulates of one forward pass for one image (convolutions only; the rest is small). */
export function mnistCnnMacs(width: number, inputChannels: number): number {
  const w = width;
  return 28 * 28 * 9 * inputChannels * w + 14 * 14 * 9 * (w * 2 * w + 2 * (2 * w) * (2 * w));
}
