/**
 * An MLP baseline: flatten, then three Dense → BatchNorm → ReLU blocks (256, 128, 64 units);
 * the last block's output is the penultimate feature vector.
 */
import * as tf from '@tensorflow/tfjs';
import { anatomyFromPrefixes, type ModelAnatomy } from './anatomy';

export interface MlpOptions { widths?: number[]; numClasses?: number; seed: number; bnMomentum?: number }

type Sym = tf.SymbolicTensor;

export function buildMlp(opts: MlpOptions): { model: tf.LayersModel; anatomy: ModelAnatomy } {
  const widths = opts.widths ?? [256, 128, 64];
  let seed = opts.seed * 1000;
  const input = tf.input({ shape: [28, 28, 3], name: 'image' });
  let x = tf.layers.flatten({ name: 'fc1_flatten' }).apply(input) as Sym;
  const prefixes: string[] = [];
  widths.forEach((units, i) => {
    const p = `fc${i + 1}`;
    prefixes.push(p);
    x = tf.layers.dense({ units, useBias: false, kernelInitializer: tf.initializers.heNormal({ seed: seed++ }), name: `${p}_dense` }).apply(x) as Sym;
    x = tf.layers.batchNormalization({ momentum: opts.bnMomentum ?? 0.9, name: `${p}_bn` }).apply(x) as Sym;
    x = tf.layers.reLU({ name: i === widths.length - 1 ? 'features' : `${p}_out` }).apply(x) as Sym;
  });
  const logits = tf.layers.dense({ units: opts.numClasses ?? 10, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }), name: 'head' }).apply(x) as Sym;
  const model = tf.model({ inputs: input, outputs: logits, name: 'mlp' });
  const anatomy = anatomyFromPrefixes(model, prefixes, {
    featureLayer: 'features', headLayer: 'head', taps: [...prefixes.slice(0, -1).map((p) => `${p}_out`), 'features'],
  });
  return { model, anatomy };
}
