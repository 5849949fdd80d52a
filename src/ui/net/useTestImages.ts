import { decodeImageSet, type ImageSet } from '../../engine/data/binaryFormat';
import { splitUrl, type DatasetId } from '../../engine/data/catalog';
import { fetchBytes } from './fetchBytes';
import { createAssetCache } from './useAsset';

/** A target dataset's test split, fetched and decoded once per dataset (the shift gallery's source). */
export const useTestImages = createAssetCache<ImageSet>(async (dataset, onProgress) => {
  const path = splitUrl(dataset as DatasetId, 'test');
  return decodeImageSet(await fetchBytes(path, onProgress), path);
});
