/**
 * "Bring your own model": what inspecting a user's TF.js layers model finds, as plain data (it
 * crosses the worker boundary and the page reads it without loading TF.js).
 */
import type { ModelTraits } from '../../methods/compatibility';
import type { ModelAnatomy } from '../anatomy';

/** Config model ids of user models start with this; shipped models never do. */
export const CUSTOM_MODEL_PREFIX = 'custom:';

export function isCustomModelId(id: string): boolean {
  return id.startsWith(CUSTOM_MODEL_PREFIX);
}

export type ModelProblemCode =
  | 'no-model-json' // no model.json among the files
  | 'not-json' // model.json does not parse
  | 'not-layers-model' // JSON, but not a TF.js layers model (a graph model, anything else)
  | 'missing-weights' // the manifest names a weight file that was not given
  | 'weights-size' // a weight file's size differs from what the manifest describes
  | 'unknown-layer' // a layer class TF.js does not have
  | 'bad-model' // TF.js could not build or run the model for another reason
  | 'multi-io' // more than one input or output
  | 'shared-layer' // a layer applied more than once
  | 'input-rank' // the input is not an image or a flattened square image
  | 'input-shape' // an image input of a size or channel count the page cannot feed
  | 'no-dense-head' // the model does not end in a Dense layer
  | 'no-features' // the head does not read a feature vector (rank 2)
  | 'oversized' // over a size or parameter limit
  | 'fetch-failed' // a URL could not be fetched (page side)
  | 'unavailable'; // no worker could look at it

/** How our 28×28×3 images in [0, 1] are turned into what the model takes. */
export interface InputAdaptation {
  /** the model's own input shape without the batch axis: [H, W, C], [H, W] (grey) or [D] */
  modelShape: number[];
  /** image: [H, W, C]; grey2d: [H, W] (grey without a channel axis); flat: [H·W·C] */
  layout: 'image' | 'grey2d' | 'flat';
  height: number;
  width: number;
  channels: 1 | 3;
  /** what the adapter does, in order; empty when the model takes 28×28×3 as is */
  steps: string[];
}

export interface FeatureCandidate {
  /** the layer whose output the new head reads */
  layer: string;
  className: string;
  /** width of the feature vector */
  units: number;
  /** the anatomy of the network cut here; inputShape is what the network sees after the adapter */
  anatomy: ModelAnatomy;
  batchNormLayers: string[];
  /** parameters of the layers up to and including this one */
  backboneParams: number;
  /** weighted layers between this split point and the head, which a run drops */
  dropped: string[];
}

export interface ModelInspection {
  /** the model's own name from its topology */
  modelName: string;
  format: 'sequential' | 'functional';
  input: InputAdaptation;
  head: {
    layer: string;
    /** the source task's classes */
    units: number;
    params: number;
    /** layers after the Dense head (softmax, dropout), which a run ignores */
    after: string[];
  };
  /** the head's input: the split point unless the user picks another candidate */
  defaultFeatureLayer: string;
  /** split points on the main path with a rank-2 output, input → output; the default is last */
  candidates: FeatureCandidate[];
  /** every BatchNorm layer of the model */
  batchNormLayers: string[];
  layerCount: number;
  params: { total: number; trainable: number };
  /** bytes of all weight files */
  weightBytes: number;
}

export function candidateFor(inspection: ModelInspection, featureLayer: string): FeatureCandidate | undefined {
  return inspection.candidates.find((c) => c.layer === featureLayer);
}

/** What config validation and the method picker need to know about a user model cut at `candidate`. */
export function traitsOf(candidate: FeatureCandidate): ModelTraits {
  return { blockCount: candidate.anatomy.blocks.length, hasBatchNorm: candidate.batchNormLayers.length > 0 };
}
