/**
 * A tiny Vision Transformer: 7×7 patches (4×4 = 16 tokens) embedded to width 48 with a learned
 * position embedding, pre-norm blocks (LayerNorm → 4-head self-attention → residual, LayerNorm →
 * GELU MLP ×2 → residual), a final LayerNorm and mean pooling over tokens.
 */
import * as tf from '@tensorflow/tfjs';
import { anatomyFromPrefixes, type ModelAnatomy } from './anatomy';
import { MultiHeadSelfAttention, PositionEmbedding } from './customLayers';

export interface VitOptions {
  width?: number;
  depth?: number;
  patch?: number;
  heads?: number;
  mlpRatio?: number;
  numClasses?: number;
  seed: number;
}

type Sym = tf.SymbolicTensor;

export function buildVit(opts: VitOptions): { model: tf.LayersModel; anatomy: ModelAnatomy } {
  const width = opts.width ?? 48;
  const depth = opts.depth ?? 4;
  const heads = opts.heads ?? 4;
  const hidden = width * (opts.mlpRatio ?? 2);
  const patch = opts.patch ?? 7;
  const tokens = (28 / patch) ** 2;
  let seed = opts.seed * 1000;
  const dense = (x: Sym, units: number, name: string, activation?: 'gelu') =>
    tf.layers.dense({ units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }), name }).apply(x) as Sym;
  const norm = (x: Sym, name: string) => tf.layers.layerNormalization({ epsilon: 1e-5, name }).apply(x) as Sym;
  const add = (a: Sym, b: Sym, name: string) => tf.layers.add({ name }).apply([a, b]) as Sym;

  const input = tf.input({ shape: [28, 28, 3], name: 'image' });
  let x = tf.layers.conv2d({
    filters: width, kernelSize: patch, strides: patch, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }), name: 'embed_patches',
  }).apply(input) as Sym;
  x = tf.layers.reshape({ targetShape: [tokens, width], name: 'embed_tokens' }).apply(x) as Sym;
  x = new PositionEmbedding({ name: 'embed_position', seed: seed++ }).apply(x) as Sym;
  const prefixes = ['embed'];
  for (let i = 1; i <= depth; i++) {
    const p = `t${i}`;
    prefixes.push(p);
    const attended = new MultiHeadSelfAttention({ numHeads: heads, name: `${p}_attn`, seed: (seed += 2) }).apply(norm(x, `${p}_ln1`)) as Sym;
    x = add(x, attended, `${p}_add1`);
    const mlp = dense(dense(norm(x, `${p}_ln2`), hidden, `${p}_mlp1`, 'gelu'), width, `${p}_mlp2`);
    x = add(x, mlp, `${p}_out`);
  }
  x = norm(x, 'final_ln');
  const features = tf.layers.globalAveragePooling1d({ name: 'features' }).apply(x) as Sym;
  const logits = dense(features, opts.numClasses ?? 10, 'head');
  const model = tf.model({ inputs: input, outputs: logits, name: 'vit' });
  const anatomy = anatomyFromPrefixes(model, prefixes, {
    featureLayer: 'features', headLayer: 'head', taps: prefixes.map((p) => (p === 'embed' ? 'embed_position' : `${p}_out`)),
  });
  return { model, anatomy };
}
