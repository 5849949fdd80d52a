/** Loads a shipped model and its card (whose anatomy tells the engine the model's structure). */
import type * as tf from '@tensorflow/tfjs';
import { readJson, type AssetReader } from '../assets';
import { loadLayersModel } from './modelFiles';
import { modelDir, type ModelCard } from './zoo';

export async function loadPretrained(
  reader: AssetReader, id: string, onProgress?: (fraction: number) => void,
): Promise<{ model: tf.LayersModel; card: ModelCard }> {
  const dir = modelDir(id);
  const card = await readJson<ModelCard>(reader, `${dir}/card.json`);
  const model = await loadLayersModel(reader, dir, onProgress);
  return { model, card };
}
