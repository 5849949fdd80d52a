import type { ModelCard } from '../../engine/models/zoo';
import { modelDir } from '../../engine/models/zoo';
import { fetchBytes } from './fetchBytes';
import { createAssetCache } from './useAsset';

/** A model's card.json (parameters, source data, source accuracy), fetched once per model. */
export const useModelCard = createAssetCache<ModelCard>(async (id, onProgress) => {
  const path = `${modelDir(id)}/card.json`;
  const bytes = await fetchBytes(path, onProgress);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as ModelCard;
  } catch {
    throw new Error(`${path}: not a model card (is the model built? run npm run pretrain)`);
  }
});
