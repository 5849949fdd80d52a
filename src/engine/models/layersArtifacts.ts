/**
 * A layers model's in-memory artifacts from its model.json and weight bytes. Type-only TF.js import:
 * the page's model inspection uses it without loading TF.js on the main thread.
 */
import type * as tf from '@tensorflow/tfjs';
import { concatBytes } from '../bytes';

export interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/** The artifacts of a layers model: its model.json and its weight files' bytes, in manifest order. */
export function layersArtifacts(json: ModelJson, weightParts: Uint8Array[]): tf.io.ModelArtifacts {
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: concatBytes(weightParts),
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
  };
}
