/**
 * The target task's data for one run, on the CPU: the training subset, validation and test images,
 * the same test images under each selected shift (the OOD domains), and the fixed probe sets for
 * feature distortion. All RGB uint8; device upload is deviceData.ts's job.
 */
import type { AssetReader } from '../assets';
import { applyShiftToSet } from '../shifts/registry';
import type { Severity, ShiftId } from '../shifts/types';
import { decodeImageSet, type ImageSet } from './binaryFormat';
import { DATASETS, splitUrl, type DatasetId, type SplitId } from './catalog';
import { greyToRgb } from './colour';

export const PIXELS_RGB = 28 * 28 * 3;

export interface RgbSet {
  count: number;
  /** count · 2352 bytes */
  pixels: Uint8Array;
  labels: Uint8Array;
}

export interface TargetData {
  dataset: DatasetId;
  classNames: readonly string[];
  numClasses: number;
  train: RgbSet;
  val: RgbSet;
  test: RgbSet;
  ood: { shift: ShiftId; set: RgbSet }[];
  /** first probeSize test images */
  probeId: RgbSet;
  /** probeSize shifted test images, taken round-robin over the shifts */
  probeOod: RgbSet;
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
  const [train, val, test] = await Promise.all(
    (['train', 'val', 'test'] as const).map((s) => readSplit(reader, req.dataset, s)),
  );
  const testSet = toRgbSet(test, req.evalSize);
  const ood = req.shifts.map((shift) => ({
    shift,
    set: {
      count: testSet.count,
      labels: testSet.labels,
      pixels: applyShiftToSet(testSet.pixels, testSet.count, shift, req.severity as Severity, req.shiftSeed),
    },
  }));
  const probeCount = Math.min(req.probeSize, testSet.count);
  const probeId = takeRows(testSet, Array.from({ length: probeCount }, (_, i) => i));
  const probeOod = mixRoundRobin(ood.map((o) => o.set), probeCount);
  return {
    dataset: req.dataset,
    classNames: info.classNames,
    numClasses: info.classNames.length,
    train: toRgbSet(train, req.trainSize),
    val: toRgbSet(val, req.evalSize),
    test: testSet,
    ood,
    probeId,
    probeOod,
  };
}

/** Image i comes from set i mod S, at row i: every shift is represented and no image repeats. */
function mixRoundRobin(sets: RgbSet[], count: number): RgbSet {
  const pixels = new Uint8Array(count * PIXELS_RGB);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const s = sets[i % sets.length];
    pixels.set(s.pixels.subarray(i * PIXELS_RGB, (i + 1) * PIXELS_RGB), i * PIXELS_RGB);
    labels[i] = s.labels[i];
  }
  return { count, pixels, labels };
}
