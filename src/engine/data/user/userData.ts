/**
 * A run's data on the user's own images, as the engine's TargetData:
 * - train: the ID collection less its held-out part (split.ts), up to trainSize;
 * - test (ID) and val: the held-out part — one set, as a benchmark's val and test are, since a few
 *   dozen drawings cannot spare a third split; up to evalSize;
 * - OOD: each collection marked 'ood' ('domain:<its name>', up to evalSize images), then any
 *   synthetic shifts of the ID test images.
 */
import { greyToRgb } from '../colour';
import { applyLabelNoise } from '../labelNoise';
import { domainOodId } from '../oodId';
import { probeRowsFor, shiftedSets, takeRows, type RgbSet, type TargetData, type TargetDataRequest } from '../targetData';
import { splitIdCollection } from './split';
import { datasetProblems, USER_IMAGE_PIXELS, type UserCollection, type UserDataset } from './userDataset';

export function collectionRgb(c: UserCollection): RgbSet {
  const count = c.labels.length;
  return { count, pixels: greyToRgb(c.pixels, count, USER_IMAGE_PIXELS), labels: c.labels.slice() };
}

const firstRows = (n: number) => Array.from({ length: n }, (_, i) => i);

export interface UserDataRequest extends Omit<TargetDataRequest, 'dataset'> {
  dataset: UserDataset;
}

export function loadUserData(req: UserDataRequest): TargetData {
  const d = req.dataset;
  const problems = datasetProblems(d);
  if (problems.length) throw new Error(`${d.name}: ${problems.join('; ')}`);
  if (req.targetClasses && req.targetClasses !== 'all') throw new Error(`${d.name}: your own images use all their classes`);
  const numClasses = d.classNames.length;
  const idCollection = d.collections.find((c) => c.role === 'id')!;
  const all = collectionRgb(idCollection);
  const split = splitIdCollection(idCollection.labels, numClasses);
  if (req.trainSize > split.train.length) throw new Error(`trainSize: ${d.name} has ${split.train.length} training images (${idCollection.name} less its held-out quarter)`);
  const train = takeRows(all, split.train.slice(0, req.trainSize));
  const noisy = applyLabelNoise(train.labels, numClasses, req.labelNoise ?? 0, req.noiseSeed ?? 0);
  train.labels = noisy.labels;
  const test = takeRows(all, split.test.slice(0, req.evalSize));
  const val: RgbSet = { count: test.count, pixels: test.pixels.slice(), labels: test.labels.slice() };
  const ood = [
    ...d.collections.filter((c) => c.role === 'ood').map((c) => {
      const set = collectionRgb(c);
      return { shift: domainOodId(c.name), set: takeRows(set, firstRows(Math.min(set.count, req.evalSize))) };
    }),
    ...shiftedSets(test, req.shifts, req.severity, req.shiftSeed),
  ];
  if (!ood.length) throw new Error(`${d.name}: no OOD set — mark a collection as an OOD domain or pick a shift`);
  return {
    dataset: d.id,
    classNames: d.classNames,
    numClasses,
    train,
    val,
    test,
    ood,
    probeRows: probeRowsFor(req.probeSize, test.count, ood.map((o) => o.set.count)),
    labelNoise: { rate: req.labelNoise ?? 0, flipped: noisy.flipped },
  };
}
