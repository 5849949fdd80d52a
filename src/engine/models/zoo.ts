/**
 * The shipped pretrained models. Weights and a model card (architecture, anatomy, source data,
 * measured source accuracy, the command and seed that made it, weight checksums) live in
 * public/models/<id>/; scripts/pretrain.ts writes them.
 */
import type { DatasetId } from '../data/catalog';
import type { ModelAnatomy } from './anatomy';

export type Architecture = 'resnet' | 'vit' | 'mlp';

export interface ZooEntry {
  id: string;
  label: string;
  architecture: Architecture;
  /** what the card's blocks list holds; validation needs it before any file is loaded */
  blockCount: number;
  hasBatchNorm: boolean;
  /** the target datasets this model is meant to be fine-tuned on */
  targets: DatasetId[];
  summary: string;
}

export const ZOO: ZooEntry[] = [
  {
    id: 'resnet-broad',
    label: 'ResNet-S · broad source',
    architecture: 'resnet',
    blockCount: 4,
    hasBatchNorm: true,
    targets: ['mnist'],
    summary: 'Residual CNN with BatchNorm pretrained on clothing and a separate pool of digits, all under random style shifts; fine-tune it on clean digits.',
  },
  {
    id: 'vit-broad',
    label: 'Tiny ViT · broad source',
    architecture: 'vit',
    blockCount: 5,
    hasBatchNorm: false,
    targets: ['mnist'],
    summary: 'Vision Transformer (16 patches, 4 pre-norm blocks with LayerNorm) pretrained on the same broad source; no BatchNorm, so a method that converts BatchNorm statistics has nothing to act on.',
  },
  {
    id: 'mlp-broad',
    label: 'MLP · broad source',
    architecture: 'mlp',
    blockCount: 3,
    hasBatchNorm: true,
    targets: ['mnist'],
    summary: 'Three Dense → BatchNorm → ReLU blocks on raw pixels, pretrained on the same broad source: no convolution, so its features move more with every shift.',
  },
  // the double-descent lab's two sources for the target MNIST digits 5–9 (targetClasses '5-9')
  {
    id: 'mlp-digits04',
    label: 'Lab MLP · digits 0–4',
    architecture: 'mlp',
    blockCount: 4,
    hasBatchNorm: true,
    targets: ['mnist'],
    summary: 'Four narrowing Dense → BatchNorm → ReLU blocks pretrained on clean digits 0–4 from the pool no target split uses: the more related source for the digits 5–9 target of the double-descent lab.',
  },
  {
    id: 'mlp-clothing5',
    label: 'Lab MLP · clothing',
    architecture: 'mlp',
    blockCount: 4,
    hasBatchNorm: true,
    targets: ['mnist'],
    summary: 'The same four-block MLP pretrained on five clean clothing classes (as many images as the digit source): the less related source for the digits 5–9 target of the double-descent lab.',
  },
];

export function zooEntry(id: string): ZooEntry | undefined {
  return ZOO.find((m) => m.id === id);
}

export function modelDir(id: string): string {
  return `models/${id}`;
}

export interface ModelCard {
  id: string;
  label: string;
  architecture: Architecture;
  parameters: number;
  anatomy: ModelAnatomy;
  source: {
    classes: number;
    parts: { dataset: DatasetId; splits: string[]; labelOffset: number; repeat: number; classes?: number[]; maxImages?: number }[];
    images: number;
    imagesPerEpoch: number;
    augmentation: string;
  };
  sourceAccuracy: {
    clean: number;
    augmented: number;
    evaluatedOn: string;
    perPart: { part: string; images: number; clean: number; augmented: number }[];
  };
  training: { epochs: number; batchSize: number; optimizer: string; lr: number; seconds: number; backend: string };
  command: string;
  seed: number;
  files: Record<string, { bytes: number; sha256: string }>;
  createdWith: string;
  /** a shortened run of the same recipe and seed, re-run by the tests to check the recipe reproduces */
  reproduction?: { command: string; clean: number; augmented: number; weightsSha256: string; backend: string };
}
