/**
 * A user model from its files: opened once (checked, loaded, inspected, run on one input, released),
 * then loaded again with the input adapter for each run, cut at the feature layer the user picked.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelTraits } from '../../methods/compatibility';
import type { ModelAnatomy } from '../anatomy';
import { artifactsFromFiles, type ModelFileMap } from './files';
import { inspectLayersModel } from './inspect';
import { loadCheckedModel, loadModelFiles } from './load';
import { ModelProblem, firstLine } from './problem';
import { candidateFor, traitsOf, type ModelInspection } from './types';

export interface CustomModel {
  files: ModelFileMap;
  inspection: ModelInspection;
}

/** What a run needs of a model the host provides: how to load it, and its anatomy. */
export interface CustomModelSource {
  load(): Promise<tf.LayersModel>;
  anatomy: ModelAnatomy;
  traits: ModelTraits;
}

/** One forward pass on zeros: a layer that builds but cannot run fails here, not in the first step. */
function runOnce(model: tf.LayersModel, inspection: ModelInspection): void {
  const shape = [1, ...inspection.input.modelShape];
  let outShape: number[] = [];
  try {
    tf.tidy(() => {
      const out = model.predict(tf.zeros(shape)) as tf.Tensor;
      outShape = out.shape;
    });
  } catch (e) {
    throw new ModelProblem('bad-model', `TF.js could not run the model on a [${shape.join(', ')}] input: ${firstLine(e instanceof Error ? e.message : String(e))}`);
  }
  if (outShape.length !== 2 || outShape[1] !== inspection.head.units) {
    throw new ModelProblem('bad-model', `the model's output is [${outShape.join(', ')}], not one score per class of its head "${inspection.head.layer}" (${inspection.head.units})`);
  }
}

/** Checks, loads and inspects a user's files; throws a ModelProblem saying what is wrong. */
export async function openCustomModel(files: ModelFileMap): Promise<CustomModel> {
  const check = artifactsFromFiles(files);
  const model = await loadCheckedModel(check);
  try {
    const inspection = inspectLayersModel(model, { weightBytes: check.weightBytes });
    runOnce(model, inspection);
    return { files, inspection };
  } finally {
    model.dispose();
  }
}

export function customModelSource(custom: CustomModel, featureLayer = custom.inspection.defaultFeatureLayer): CustomModelSource {
  const candidate = candidateFor(custom.inspection, featureLayer);
  if (!candidate) {
    const names = custom.inspection.candidates.map((c) => c.layer).join(', ');
    throw new ModelProblem('no-features', `"${featureLayer}" is not a split point of this model (one of: ${names})`);
  }
  return {
    anatomy: candidate.anatomy,
    traits: traitsOf(candidate),
    load: () => loadModelFiles(custom.files, custom.inspection.input),
  };
}
