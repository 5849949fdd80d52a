/**
 * How each shipped model is pretrained: architecture, source data (never the target's test
 * images), style augmentation and optimisation. `npm run pretrain -- --model <id> --seed <n>`
 * follows the recipe exactly.
 */
import type * as tf from '@tensorflow/tfjs';
import type { DatasetId, SplitId } from '../../src/engine/data/catalog';
import type { ModelAnatomy } from '../../src/engine/models/anatomy';
import { buildMlp } from '../../src/engine/models/mlp';
import { buildResnet } from '../../src/engine/models/resnet';
import { buildVit } from '../../src/engine/models/vit';
import type { Architecture } from '../../src/engine/models/zoo';
import { SHIFT_IDS, type ShiftId } from '../../src/engine/shifts/types';

export interface SourcePart {
  dataset: DatasetId;
  trainSplits: SplitId[];
  valSplit: SplitId;
  labelOffset: number;
  /** times each image appears per epoch (each time with a fresh random augmentation) */
  repeat: number;
  /** only these classes of the dataset, relabelled 0…n−1 in this order (before labelOffset); default all */
  classes?: number[];
  /** at most this many training images of the part (the first ones of its seeded split); default all */
  maxImages?: number;
}

export interface PretrainRecipe {
  modelId: string;
  label: string;
  architecture: Architecture;
  build(seed: number): { model: tf.LayersModel; anatomy: ModelAnatomy };
  /** source classes: each part's labels are shifted by its labelOffset into one label space */
  source: {
    numClasses: number;
    parts: SourcePart[];
  };
  /** each training image is shifted with this probability, by a uniformly drawn shift and severity */
  augmentation: { probability: number; shifts: readonly ShiftId[]; minSeverity: number; maxSeverity: number };
  epochs: number;
  batchSize: number;
  lr: number;
}

/**
 * The default source: 20 classes, the 10 clothing classes of Fashion-MNIST's pretraining pool and
 * the 10 digits of MNIST's pretraining pool (disjoint from every MNIST target split), every image
 * under random style shifts. Broader than the target's ID data (clean digits) and sharing no image
 * with it: the miniature of a model pretrained on broad web data that has seen digits in many styles.
 */
export const BROAD_SOURCE: PretrainRecipe['source'] = {
  numClasses: 20,
  parts: [
    { dataset: 'mnist', trainSplits: ['source-train'], valSplit: 'source-val', labelOffset: 0, repeat: 4 },
    { dataset: 'fashion-mnist', trainSplits: ['source-train'], valSplit: 'source-val', labelOffset: 10, repeat: 1 },
  ],
};

/** A recipe on the broad source with the standard style augmentation; models differ in what they build and how long they train. */
function broadRecipe(
  modelId: string, label: string, architecture: Architecture,
  build: (seed: number, numClasses: number) => { model: tf.LayersModel; anatomy: ModelAnatomy },
  training: { epochs: number; lr: number },
): PretrainRecipe {
  return {
    modelId, label: `${label} · broad source (clothing + digit pool, all styles)`, architecture,
    build: (seed) => build(seed, BROAD_SOURCE.numClasses),
    source: BROAD_SOURCE,
    augmentation: { probability: 0.8, shifts: SHIFT_IDS, minSeverity: 1, maxSeverity: 5 },
    batchSize: 128,
    ...training,
  };
}

/**
 * Sources for the double-descent lab's target, MNIST digits 5–9 (config targetClasses '5-9'): a more
 * related one, digits 0–4 of MNIST's pretraining pool (disjoint from every target split), and a less
 * related one, five clothing classes of Fashion-MNIST's pool, cut to the same number of images so the
 * two differ in what they show, not in how much. Clean images (no style augmentation): the lab is
 * about in-distribution test error.
 */
const DIGITS_0_4 = [0, 1, 2, 3, 4];
export const RELATED_SOURCE: PretrainRecipe['source'] = {
  numClasses: 5,
  parts: [{ dataset: 'mnist', trainSplits: ['source-train'], valSplit: 'source-val', labelOffset: 0, repeat: 1, classes: DIGITS_0_4 }],
};
/** T-shirt/top, Trouser, Pullover, Dress, Coat: 1,800 images, about as many as the digit pool's 0–4 */
export const UNRELATED_SOURCE: PretrainRecipe['source'] = {
  numClasses: 5,
  parts: [{ dataset: 'fashion-mnist', trainSplits: ['source-train'], valSplit: 'source-val', labelOffset: 0, repeat: 1, classes: DIGITS_0_4, maxImages: 1800 }],
};
/** The lab's MLP: four Dense → BatchNorm → ReLU blocks narrowing to 32 features, so k = 0…4 frozen blocks span FT to LP. */
export const LAB_MLP_WIDTHS = [128, 96, 64, 32];

function labRecipe(modelId: string, label: string, source: PretrainRecipe['source']): PretrainRecipe {
  return {
    modelId, label, architecture: 'mlp',
    build: (seed) => buildMlp({ seed, numClasses: source.numClasses, widths: LAB_MLP_WIDTHS }),
    source,
    augmentation: { probability: 0, shifts: [], minSeverity: 1, maxSeverity: 1 },
    epochs: 12, batchSize: 64, lr: 1e-3,
  };
}

export const RECIPES: Record<string, PretrainRecipe> = {
  'resnet-broad': broadRecipe('resnet-broad', 'ResNet-S', 'resnet', (seed, numClasses) => buildResnet({ seed, numClasses }), { epochs: 4, lr: 2e-3 }),
  // transformers without convolutions' inductive bias need more passes over the data
  'vit-broad': broadRecipe('vit-broad', 'Tiny ViT', 'vit', (seed, numClasses) => buildVit({ seed, numClasses }), { epochs: 6, lr: 1e-3 }),
  'mlp-broad': broadRecipe('mlp-broad', 'MLP', 'mlp', (seed, numClasses) => buildMlp({ seed, numClasses }), { epochs: 4, lr: 1e-3 }),
  'mlp-digits04': labRecipe('mlp-digits04', 'Lab MLP · digits 0–4 (related source)', RELATED_SOURCE),
  'mlp-clothing5': labRecipe('mlp-clothing5', 'Lab MLP · clothing (less related source)', UNRELATED_SOURCE),
};

export function describeAugmentation(r: PretrainRecipe): string {
  const a = r.augmentation;
  if (a.probability === 0) return 'none: clean images';
  const which = a.shifts.length === SHIFT_IDS.length ? `any of the ${a.shifts.length} shift families` : a.shifts.join(', ');
  return `each image shifted with probability ${a.probability} by ${which} at a uniform severity ${a.minSeverity}–${a.maxSeverity}`;
}
