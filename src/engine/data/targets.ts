/**
 * What a run can fine-tune on: the shipped image sets (catalog.ts) and DomainBed's two MNIST
 * domain-shift benchmarks, built in memory from our MNIST digits (benchmarks/). A benchmark run
 * trains on every domain but one and treats the held-out one (config.testDomain, DomainBed's
 * test_envs index) as an OOD set beside any synthetic shifts.
 */
import type { ShiftId } from '../shifts/types';
import { DATASETS, DATASET_IDS, type DatasetId } from './catalog';
import { domainOodId, type OodId } from './oodId';
import { isUserTarget, USER_DATASET_PREFIX, type UserTargetId } from './user/userDataset';

export const BENCHMARK_IDS = ['rotated-mnist', 'colored-mnist'] as const;
export type BenchmarkId = (typeof BENCHMARK_IDS)[number];

export const TARGET_IDS = [...DATASET_IDS, ...BENCHMARK_IDS] as const;
export type TargetId = (typeof TARGET_IDS)[number];

/** What a config's `dataset` names: a shipped target, or the user's own images ('user:<id>', kept in that browser only). */
export type RunTargetId = TargetId | UserTargetId;

export interface BenchmarkInfo {
  id: BenchmarkId;
  label: string;
  /** DomainBed's class name for it */
  domainbedName: string;
  classNames: readonly string[];
  /** the environments' names as DomainBed's tables head them, in DomainBed's order */
  domains: readonly string[];
  /** channels DomainBed's networks read (1 grey, 2 coloured planes) */
  inputChannels: 1 | 2;
  /** the shipped image set the digits come from */
  source: DatasetId;
  /** images DomainBed's version pools (MNIST train + test) */
  domainbedImages: number;
}

export const BENCHMARKS: Record<BenchmarkId, BenchmarkInfo> = {
  'rotated-mnist': {
    id: 'rotated-mnist',
    label: 'Rotated MNIST (DomainBed)',
    domainbedName: 'RotatedMNIST',
    classNames: DATASETS.mnist.classNames,
    domains: ['0°', '15°', '30°', '45°', '60°', '75°'],
    inputChannels: 1,
    source: 'mnist',
    domainbedImages: 70_000,
  },
  'colored-mnist': {
    id: 'colored-mnist',
    label: 'Colored MNIST (DomainBed)',
    domainbedName: 'ColoredMNIST',
    // DomainBed's label 1 is "digit < 5"
    classNames: ['digit 5–9', 'digit 0–4'],
    domains: ['+90%', '+80%', '-90%'],
    inputChannels: 2,
    source: 'mnist',
    domainbedImages: 70_000,
  },
};

export function isBenchmark(id: RunTargetId): id is BenchmarkId {
  return (BENCHMARK_IDS as readonly string[]).includes(id);
}

/** The page's name of a target; a user dataset's own name is known only where it is kept (`userName`). */
export function targetLabel(id: RunTargetId, userName?: string): string {
  if (isUserTarget(id)) return `Your images: ${userName ?? id.slice(USER_DATASET_PREFIX.length)}`;
  return isBenchmark(id) ? BENCHMARKS[id].label : DATASETS[id].label;
}

/** A shipped target's classes (a user dataset's are its own: undefined here). */
export function targetClassNames(id: RunTargetId): readonly string[] | undefined {
  if (isUserTarget(id)) return undefined;
  return isBenchmark(id) ? BENCHMARKS[id].classNames : DATASETS[id].classNames;
}

/** The shipped image set whose images a target shows (a benchmark's source digits); none for the user's own images. */
export function imageSourceOf(id: RunTargetId): DatasetId | undefined {
  if (isUserTarget(id)) return undefined;
  return isBenchmark(id) ? BENCHMARKS[id].source : id;
}

/** Digits in the benchmarks' pool: our MNIST target splits train + val + test (benchmarks/pool.ts). */
export const BENCHMARK_POOL_SIZE = ['train', 'val', 'test'].reduce((n, s) => n + (DATASETS.mnist.splitSizes[s as 'train'] as number), 0);

/** Images per environment, and in its 'out' (20 %) and 'in' parts, as DomainBed's split rules give them for `poolSize` digits. */
export function environmentSizes(id: BenchmarkId, poolSize = BENCHMARK_POOL_SIZE): { total: number; out: number; in: number }[] {
  const e = BENCHMARKS[id].domains.length;
  return Array.from({ length: e }, (_, i) => {
    const total = Math.floor((poolSize - i + e - 1) / e);
    const out = Math.floor(total * 0.2);
    return { total, out, in: total - out };
  });
}

/** Training images a leave-one-domain-out run can use: the 'in' parts of the other domains. */
export function benchmarkTrainImages(id: BenchmarkId, testDomain: number): number {
  return environmentSizes(id).reduce((n, s, d) => (d === testDomain ? n : n + s.in), 0);
}

/**
 * A run's OOD sets in the order its evaluations list them: a benchmark's held-out domain (or a
 * user dataset's OOD collections, named by `userOod`) first, then the synthetic shifts.
 */
export function oodSetIds(config: { dataset: RunTargetId; testDomain: number; shifts: readonly ShiftId[] }, userOod: readonly string[] = []): OodId[] {
  const { dataset } = config;
  const heldOut = isUserTarget(dataset) ? userOod.map(domainOodId)
    : isBenchmark(dataset) ? [domainOodId(BENCHMARKS[dataset].domains[config.testDomain] ?? `#${config.testDomain}`)] : [];
  return [...heldOut, ...config.shifts];
}
