/**
 * One leave-one-domain-out run's data on a DomainBed benchmark, as the engine's TargetData:
 * - train: the 'in' parts of the training domains, taken in turn (one image of each domain, then
 *   the next…) up to trainSize, with each row's domain kept so batches can draw evenly from every
 *   domain as DomainBed's do;
 * - val: the 'out' parts of the training domains (DomainBed's training-domain validation set),
 *   taken in turn up to evalSize; with equal domain sizes its accuracy is DomainBed's mean of the
 *   per-domain 'out' accuracies;
 * - test (what the page calls ID): the same images as val — DomainBed has no separate ID test set;
 * - the held-out domain's 'in' part (DomainBed's reported test accuracy), up to evalSize images,
 *   is the first OOD set; synthetic shifts of the ID images may follow it.
 */
import type { AssetReader } from '../../assets';
import { applyLabelNoise } from '../labelNoise';
import { domainOodId } from '../oodId';
import { PIXELS_RGB, probeRowsFor, shiftedSets, takeRows, type RgbSet, type TargetData, type TargetDataRequest } from '../targetData';
import { BENCHMARKS, type BenchmarkId } from '../targets';
import { buildEnvironments, type Environment } from './build';
import { readMnistPool } from './pool';

/** Positions taken in turn from each list (list 0, list 1, …, then each list's second…), at most `limit`. */
export function interleave(lists: readonly ArrayLike<number>[], limit: number): { rows: number[]; from: number[] } {
  const rows: number[] = [];
  const from: number[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let k = 0; k < longest && rows.length < limit; k++) {
    for (let d = 0; d < lists.length && rows.length < limit; d++) {
      if (k < lists[d].length) { rows.push(lists[d][k]); from.push(d); }
    }
  }
  return { rows, from };
}

/** The picked rows of several environments' images, in pick order. */
function gather(envs: readonly Environment[], picks: { rows: number[]; from: number[] }): RgbSet {
  const pixels = new Uint8Array(picks.rows.length * PIXELS_RGB);
  const labels = new Uint8Array(picks.rows.length);
  picks.rows.forEach((r, i) => {
    const images = envs[picks.from[i]].images;
    pixels.set(images.pixels.subarray(r * PIXELS_RGB, (r + 1) * PIXELS_RGB), i * PIXELS_RGB);
    labels[i] = images.labels[r];
  });
  return { count: labels.length, pixels, labels };
}

export interface BenchmarkSplits {
  train: RgbSet;
  /** index into the training domains (not DomainBed's environment index) of each training row */
  trainDomains: Uint8Array;
  val: RgbSet;
  heldOut: RgbSet;
  trainingDomainNames: string[];
  heldOutName: string;
}

export function leaveOneDomainOut(envs: readonly Environment[], testDomain: number, trainSize: number, evalSize: number): BenchmarkSplits {
  if (testDomain < 0 || testDomain >= envs.length) throw new Error(`test domain ${testDomain}: the benchmark has ${envs.length} domains`);
  const training = envs.filter((_, d) => d !== testDomain);
  const trainPicks = interleave(training.map((e) => e.in), trainSize);
  const valPicks = interleave(training.map((e) => e.out), evalSize);
  const held = envs[testDomain];
  return {
    train: gather(training, trainPicks),
    trainDomains: Uint8Array.from(trainPicks.from),
    val: gather(training, valPicks),
    heldOut: takeRows(held.images, held.in.subarray(0, Math.min(evalSize, held.in.length))),
    trainingDomainNames: training.map((e) => e.name),
    heldOutName: held.name,
  };
}

export interface BenchmarkRequest extends Omit<TargetDataRequest, 'dataset'> {
  dataset: BenchmarkId;
  testDomain: number;
  /** builds the environments (DomainBed: the run's seed) */
  seed: number;
}

export async function loadBenchmarkData(reader: AssetReader, req: BenchmarkRequest): Promise<TargetData> {
  const info = BENCHMARKS[req.dataset];
  if (req.targetClasses && req.targetClasses !== 'all') throw new Error(`${info.label} uses all its classes`);
  const envs = buildEnvironments(req.dataset, await readMnistPool(reader), req.seed);
  const splits = leaveOneDomainOut(envs, req.testDomain, req.trainSize, req.evalSize);
  const numClasses = info.classNames.length;
  const noisy = applyLabelNoise(splits.train.labels, numClasses, req.labelNoise ?? 0, req.noiseSeed ?? 0);
  const train = { ...splits.train, labels: noisy.labels };
  const test: RgbSet = { count: splits.val.count, pixels: splits.val.pixels.slice(), labels: splits.val.labels.slice() };
  const ood = [
    { shift: domainOodId(splits.heldOutName), set: splits.heldOut },
    ...shiftedSets(test, req.shifts, req.severity, req.shiftSeed),
  ];
  return {
    dataset: req.dataset,
    classNames: info.classNames,
    numClasses,
    train,
    trainDomains: splits.trainDomains,
    val: splits.val,
    test,
    ood,
    probeRows: probeRowsFor(req.probeSize, test.count, ood.map((o) => o.set.count)),
    labelNoise: { rate: req.labelNoise ?? 0, flipped: noisy.flipped },
  };
}
