/**
 * The small residual CNN with BatchNorm: a stride-2 stem and three residual blocks
 * (16 → 32 → 64 channels at 14×14 → 7×7 → 4×4), global average pooling, dense head.
 * ~79k parameters: cheap enough to fine-tune interactively and to pretrain in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { anatomyFromPrefixes, type ModelAnatomy } from './anatomy';

export interface ResnetOptions {
  widths?: [number, number, number];
  numClasses?: number;
  seed: number;
  /** Keras' default 0.99 adapts the moving statistics too slowly for runs of a few hundred steps */
  bnMomentum?: number;
}

type Sym = tf.SymbolicTensor;

export function buildResnet(opts: ResnetOptions): { model: tf.LayersModel; anatomy: ModelAnatomy } {
  const [w1, w2, w3] = opts.widths ?? [16, 32, 64];
  const momentum = opts.bnMomentum ?? 0.9;
  let seed = opts.seed * 1000;
  const init = () => tf.initializers.heNormal({ seed: seed++ });
  const conv = (x: Sym, filters: number, kernel: number, stride: number, name: string) =>
    tf.layers.conv2d({ filters, kernelSize: kernel, strides: stride, padding: 'same', useBias: false, kernelInitializer: init(), name }).apply(x) as Sym;
  const bn = (x: Sym, name: string) => tf.layers.batchNormalization({ momentum, name }).apply(x) as Sym;
  const relu = (x: Sym, name: string) => tf.layers.reLU({ name }).apply(x) as Sym;

  const block = (x: Sym, filters: number, stride: number, p: string): Sym => {
    let y = relu(bn(conv(x, filters, 3, stride, `${p}_conv1`), `${p}_bn1`), `${p}_relu1`);
    y = bn(conv(y, filters, 3, 1, `${p}_conv2`), `${p}_bn2`);
    const inChannels = x.shape[3];
    const shortcut = stride !== 1 || inChannels !== filters
      ? bn(conv(x, filters, 1, stride, `${p}_proj`), `${p}_projbn`)
      : x;
    return relu(tf.layers.add({ name: `${p}_add` }).apply([y, shortcut]) as Sym, `${p}_out`);
  };

  const input = tf.input({ shape: [28, 28, 3], name: 'image' });
  let x = relu(bn(conv(input, w1, 3, 2, 'stem_conv'), 'stem_bn'), 'stem_out');
  x = block(x, w1, 1, 'b1');
  x = block(x, w2, 2, 'b2');
  x = block(x, w3, 2, 'b3');
  const features = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(x) as Sym;
  const logits = tf.layers.dense({
    units: opts.numClasses ?? 10, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }), name: 'head',
  }).apply(features) as Sym;
  const model = tf.model({ inputs: input, outputs: logits, name: 'resnet' });
  const anatomy = anatomyFromPrefixes(model, ['stem', 'b1', 'b2', 'b3'], {
    featureLayer: 'features', headLayer: 'head', taps: ['stem_out', 'b1_out', 'b2_out', 'b3_out'],
  });
  return { model, anatomy };
}
