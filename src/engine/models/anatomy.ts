/**
 * What the engine needs to know about a network's structure, defined in one place per
 * architecture (and copied into each model card): the freezable blocks, the penultimate feature
 * layer the head reads, the head, and the intermediate taps used by LEVI and FT-LP.
 */
import type * as tf from '@tensorflow/tfjs';

export interface ModelAnatomy {
  /** [height, width, channels] */
  inputShape: [number, number, number];
  /** blocks in order from the input (head excluded); Frozen-k freezes blocks[0..k-1] */
  blocks: { name: string; layers: string[] }[];
  /** layer whose output f(x) the head reads (penultimate features) */
  featureLayer: string;
  /** the final dense layer of the pretrained model, replaced by a new head for the target task */
  headLayer: string;
  /** block-output layers, input → output, for LEVI and FT-LP */
  taps: string[];
}

/** Groups a built model's layers into blocks by name prefix (`stem_conv` → block `stem`). */
export function anatomyFromPrefixes(
  model: tf.LayersModel, blockPrefixes: string[], parts: Omit<ModelAnatomy, 'blocks' | 'inputShape'>,
): ModelAnatomy {
  const blocks = blockPrefixes.map((name) => ({
    name,
    layers: model.layers.map((l) => l.name).filter((n) => n.startsWith(`${name}_`)),
  }));
  const shape = model.inputs[0].shape;
  return { inputShape: [shape[1] as number, shape[2] as number, shape[3] as number], blocks, ...parts };
}

export function blockOfLayer(anatomy: ModelAnatomy): Map<string, number> {
  const map = new Map<string, number>();
  anatomy.blocks.forEach((b, i) => b.layers.forEach((l) => map.set(l, i)));
  return map;
}
