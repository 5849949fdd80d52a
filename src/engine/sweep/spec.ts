/**
 * A double-descent sweep (Frozen overparameterization, ../shared/METHODS.md): frozen blocks k from
 * 0 (FT) to all (LP), crossed with target training-set size, label-noise rate and source model.
 * Every run follows the protocol: copy all layers but the classifier, freeze the first k, new head,
 * Adam at a constant learning rate, no early stopping, long training, train and test error at every
 * epoch. The same spec runs in the page (one run after another in the worker) and in Node
 * (scripts/sweep.ts). Pure: no TF.js.
 */
import { z } from 'zod';
import { DEFAULT_CONFIG } from '../config/defaults';
import { MAX_LABEL_NOISE, TARGET_CLASS_SETS, type RunConfig } from '../config/schema';
import { DATASET_IDS } from '../data/catalog';

export const MAX_SWEEP_RUNS = 200;

const list = <T extends z.ZodType>(item: T, max = 16) => z.array(item).min(1, 'pick at least one value').max(max);

export const sweepSpecSchema = z.strictObject({
  /** source models (pretrained ids) */
  sources: list(z.string().min(1).max(200), 8),
  /** numbers of frozen blocks; 0 is FT, the model's block count is LP */
  frozenBlocks: list(z.int().min(0).max(32), 33),
  trainSizes: list(z.int().min(64).max(6000)),
  labelNoise: list(z.number().min(0, 'must be ≥ 0').max(MAX_LABEL_NOISE, `must be ≤ ${MAX_LABEL_NOISE}`)),
  epochs: z.int().min(1).max(2000),
  dataset: z.enum(DATASET_IDS),
  targetClasses: z.enum(TARGET_CLASS_SETS),
  /** Adam's learning rate, constant (no decay) */
  lr: z.number().gt(0).max(1),
  batchSize: z.int().min(1).max(512),
  /** clean test images (the test error) */
  evalSize: z.int().min(32).max(3000),
  seed: z.int().min(0).max(2 ** 31 - 1),
});

export type SweepSpec = z.infer<typeof sweepSpecSchema>;

/** The protocol's defaults: target digits 5–9, two sources, k = 0…4, 20 % noise, Adam 1e-3 constant. */
export const DEFAULT_SWEEP: SweepSpec = {
  sources: ['mlp-digits04', 'mlp-clothing5'],
  frozenBlocks: [0, 1, 2, 3, 4],
  trainSizes: [990],
  labelNoise: [0.2],
  epochs: 40,
  dataset: 'mnist',
  targetClasses: '5-9',
  lr: 1e-3,
  batchSize: 32,
  evalSize: 1000,
  seed: 0,
};

/** One run of a sweep: the values it varies. */
export interface SweepPoint {
  source: string;
  k: number;
  trainSize: number;
  labelNoise: number;
}

export function pointKey(p: SweepPoint): string {
  return `${p.source}|k${p.k}|n${p.trainSize}|noise${p.labelNoise}`;
}

/** Steps per epoch of a run of this size (the last partial batch is dropped, as training does). */
export function stepsPerEpoch(trainSize: number, batchSize: number): number {
  return Math.max(1, Math.floor(trainSize / batchSize));
}

/** The run config of one point: frozen-k, Adam, constant lr, evaluation (with training accuracy) once per epoch. */
export function sweepConfig(spec: SweepSpec, p: SweepPoint): RunConfig {
  return {
    ...structuredClone(DEFAULT_CONFIG),
    model: p.source,
    dataset: spec.dataset,
    targetClasses: spec.targetClasses,
    trainSize: p.trainSize,
    labelNoise: p.labelNoise,
    method: { ...structuredClone(DEFAULT_CONFIG.method), kind: 'frozen-k', frozenBlocks: p.k },
    optimizer: 'adam',
    lr: spec.lr,
    schedule: 'constant',
    batchSize: Math.min(spec.batchSize, p.trainSize),
    duration: { unit: 'epochs', value: spec.epochs },
    seed: spec.seed,
    evalEvery: stepsPerEpoch(p.trainSize, Math.min(spec.batchSize, p.trainSize)),
    evalTrain: true,
    evalSize: spec.evalSize,
    // the lab measures clean test error; one mild shift and few probes keep the evaluation cheap
    shifts: ['rotation'],
    severity: 1,
    probeSize: 16,
  };
}

/** Every point of the sweep, source-major then size, noise and k (so a stopped sweep has whole k-curves). */
export function sweepPoints(spec: SweepSpec): SweepPoint[] {
  const out: SweepPoint[] = [];
  for (const source of spec.sources)
    for (const trainSize of spec.trainSizes)
      for (const labelNoise of spec.labelNoise)
        for (const k of spec.frozenBlocks) out.push({ source, k, trainSize, labelNoise });
  return out;
}
