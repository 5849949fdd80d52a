/**
 * How each shipped model is pretrained: architecture, source data (never the target's test
 * images), style augmentation and optimisation. `npm run pretrain -- --model <id> --seed <n>`
 * follows the recipe exactly.
 */
import type * as tf from '@tensorflow/tfjs';
import type { DatasetId, SplitId } from '../../src/engine/data/catalog';
import type { ModelAnatomy } from '../../src/engine/models/anatomy';
import { buildResnet } from '../../src/engine/models/resnet';
import type { Architecture } from '../../src/engine/models/zoo';
import { SHIFT_IDS, type ShiftId } from '../../src/engine/shifts/types';

export interface PretrainRecipe {
  modelId: string;
  label: string;
  architecture: Architecture;
  build(seed: number): { model: tf.LayersModel; anatomy: ModelAnatomy };
  source: { dataset: DatasetId; trainSplits: SplitId[]; valSplit: SplitId };
  /** each training image is shifted with this probability, by a uniformly drawn shift and severity */
  augmentation: { probability: number; shifts: readonly ShiftId[]; minSeverity: number; maxSeverity: number };
  epochs: number;
  batchSize: number;
  lr: number;
}

export const RECIPES: Record<string, PretrainRecipe> = {
  'resnet-fmnist': {
    modelId: 'resnet-fmnist',
    label: 'ResNet-S · Fashion-MNIST + style augmentation',
    architecture: 'resnet',
    build: (seed) => buildResnet({ seed }),
    source: { dataset: 'fashion-mnist', trainSplits: ['source-train'], valSplit: 'source-val' },
    augmentation: { probability: 0.8, shifts: SHIFT_IDS, minSeverity: 1, maxSeverity: 5 },
    epochs: 4,
    batchSize: 128,
    lr: 2e-3,
  },
};

export function describeAugmentation(r: PretrainRecipe): string {
  const a = r.augmentation;
  const which = a.shifts.length === SHIFT_IDS.length ? `any of the ${a.shifts.length} shift families` : a.shifts.join(', ');
  return `each image shifted with probability ${a.probability} by ${which} at a uniform severity ${a.minSeverity}–${a.maxSeverity}`;
}
