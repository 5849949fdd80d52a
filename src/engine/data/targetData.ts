/**
 * The target task's data for one run, on the CPU: the training subset, validation and test images,
 * and the same test images under each selected shift (the OOD domains). The fixed probe sets for
 * feature distortion are rows of these (probeRows). All RGB uint8; device upload is deviceData.ts's job.
 */
import type { AssetReader } from '../assets';
import { applyShiftToSet } from '../shifts/registry';
import type { Severity, ShiftId } from '../shifts/types';
import { decodeImageSet, type ImageSet } from './binaryFormat';
import type { TargetClassSet } from '../config/schema';
import { DATASETS, splitUrl, type DatasetId, type SplitId } from './catalog';
import type { OodId } from './oodId';
import type { RunTargetId } from './targets';
import { classesOf, selectClasses } from './classSubset';
import { greyToRgb } from './colour';
import { applyLabelNoise } from './labelNoise';

export const PIXELS_RGB = 28 * 28 * 3;

export interface RgbSet {
  count: number;
  /** count · 2352 bytes */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export interface TargetData {
  dataset: RunTargetId;
  classNames: readonly string[];
  numClasses: number;
  train: RgbSet;
  /** a benchmark's training domain of each training row (batches draw evenly from the domains); absent for one-domain targets */
  trainDomains?: Uint8Array;
  val: RgbSet;
  test: RgbSet;
  /** each OOD set and the shift (or held-out domain) that made it */
  ood: { shift: OodId; set: RgbSet }[];
  probeRows: ProbeRows;
  /** symmetric noise on the training labels: the rate asked for, and how many labels were flipped */
  labelNoise: { rate: number; flipped: number };
}

/**
 * Feature-distortion probes are the first rows of the evaluation sets, so an evaluation computes
 * them in the same forward pass as accuracy: the first `id` test images, and the first
 * `perShift` images of each shifted set (together about probeSize OOD images).
 */
export interface ProbeRows { id: number; perShift: number }

export function probeRowsFor(probeSize: number, evalCount: number, oodCounts: readonly number[]): ProbeRows {
  const perShift = Math.min(evalCount, ...oodCounts, Math.ceil(probeSize / Math.max(oodCounts.length, 1)));
  return { id: Math.min(probeSize, evalCount), perShift };
}

/** The ID test images under each synthetic shift (same labels, same order). */
export function shiftedSets(test: RgbSet, shifts: readonly ShiftId[], severity: number, shiftSeed: number): { shift: OodId; set: RgbSet }[] {
  return shifts.map((shift) => ({
    shift,
    set: { count: test.count, labels: test.labels, pixels: applyShiftToSet(test.pixels, test.count, shift, severity as Severity, shiftSeed) },
  }));
}

export interface TargetDataRequest {
  dataset: DatasetId;
  trainSize: number;
  evalSize: number;
  probeSize: number;
  shifts: ShiftId[];
  severity: number;
  /** seeds the shift noise; the same for every run of a comparison so domains are identical */
  shiftSeed: number;
  /** the classes used (relabelled 0…n−1); default all */
  targetClasses?: TargetClassSet;
  /** share of training labels flipped to another class (seeded by noiseSeed); default 0 */
  labelNoise?: number;
  noiseSeed?: number;
}

export function toRgbSet(set: ImageSet, count = set.count): RgbSet {
  const n = Math.min(count, set.count);
  const pixelsPer = set.height * set.width * set.channels;
  const raw = set.pixels.subarray(0, n * pixelsPer);
  const pixels = set.channels === 3 ? raw.slice() : greyToRgb(raw, n, pixelsPer);
  return { count: n, pixels, labels: set.labels.slice(0, n) };
}

export function takeRows(set: RgbSet, rows: ArrayLike<number>): RgbSet {
  const pixels = new Uint8Array(rows.length * PIXELS_RGB);
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    pixels.set(set.pixels.subarray(r * PIXELS_RGB, (r + 1) * PIXELS_RGB), i * PIXELS_RGB);
    labels[i] = set.labels[r];
  }
  return { count: rows.length, pixels, labels };
}

export async function readSplit(reader: AssetReader, dataset: DatasetId, split: SplitId): Promise<ImageSet> {
  const path = splitUrl(dataset, split);
  return decodeImageSet(await reader.read(path), path);
}

export async function loadTargetData(reader: AssetReader, req: TargetDataRequest): Promise<TargetData> {
  const info = DATASETS[req.dataset];
  const classes = classesOf(req.targetClasses ?? 'all');
  const [train, val, test] = (await Promise.all(
    (['train', 'val', 'test'] as const).map((s) => readSplit(reader, req.dataset, s)),
  )).map((set) => (classes ? selectClasses(set, classes) : set));
  const classNames = classes ? classes.map((c) => info.classNames[c]) : info.classNames;
  const trainSet = toRgbSet(train, req.trainSize);
  // noise on the training labels only: val and test keep their clean labels
  const noisy = applyLabelNoise(trainSet.labels, classNames.length, req.labelNoise ?? 0, req.noiseSeed ?? 0);
  trainSet.labels = noisy.labels;
  const testSet = toRgbSet(test, req.evalSize);
  const ood = shiftedSets(testSet, req.shifts, req.severity, req.shiftSeed);
  return {
    dataset: req.dataset,
    classNames,
    numClasses: classNames.length,
    train: trainSet,
    val: toRgbSet(val, req.evalSize),
    test: testSet,
    ood,
    probeRows: probeRowsFor(req.probeSize, testSet.count, ood.map((o) => o.set.count)),
    labelNoise: { rate: req.labelNoise ?? 0, flipped: noisy.flipped },
  };
}
