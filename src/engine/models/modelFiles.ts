/**
 * TF.js layers-format models (model.json + weight files) read through an AssetReader, and written
 * back as the same files. Keeps TF.js's own URL/file loaders out of the engine so the worker and
 * Node load the same way.
 */
import * as tf from '@tensorflow/tfjs';
import { readJson, type AssetReader } from '../assets';
import { layersArtifacts, type ModelJson } from './layersArtifacts';
import { concatBytes } from '../bytes';


/** Loads `<dir>/model.json` and its weight files. */
export async function loadLayersModel(
  reader: AssetReader, dir: string, onProgress?: (fraction: number) => void,
): Promise<tf.LayersModel> {
  const json = await readJson<ModelJson>(reader, `${dir}/model.json`);
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${dir}/model.json: not a TF.js layers model (no modelTopology / weightsManifest)`);
  }
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < paths.length; i++) {
    parts.push(await reader.read(`${dir}/${paths[i]}`, (f) => onProgress?.((i + f) / paths.length)));
  }
  onProgress?.(1);
  return tf.loadLayersModel(tf.io.fromMemory(layersArtifacts(json, parts)));
}

/** Serialises a model into the files of the layers format: model.json and one weights.bin. */
export async function serialiseLayersModel(model: tf.LayersModel): Promise<{ modelJson: string; weights: Uint8Array }> {
  let saved: { modelJson: string; weights: Uint8Array } | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const weightData = artifacts.weightData;
    const weights = new Uint8Array(Array.isArray(weightData) ? concatBytes(weightData.map((b) => new Uint8Array(b))) : weightData as ArrayBuffer);
    const modelJson: ModelJson = {
      modelTopology: artifacts.modelTopology as object,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      format: 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: null,
    };
    saved = { modelJson: JSON.stringify(modelJson), weights };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  if (!saved) throw new Error('model.save produced nothing');
  return saved;
}
