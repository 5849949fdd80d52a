/**
 * A target made of some of a dataset's classes, relabelled 0…n−1 in order (e.g. MNIST digits 5–9
 * as classes 0–4): with a source pretrained on digits 0–4 and one on clothing, the same target has
 * a more and a less related source (the double-descent lab). Pure, no TF.js.
 */
import type { TargetClassSet } from '../config/schema';
import type { ImageSet } from './binaryFormat';
import type { DatasetId } from './catalog';

/**
 * Training images of each class set in the target's training split (its fixed seeded split; a test
 * checks these against the files), so validation can refuse a trainSize the subset does not have.
 */
export const SUBSET_TRAIN_IMAGES: Record<DatasetId, Record<Exclude<TargetClassSet, 'all'>, number>> = {
  mnist: { '0-4': 1010, '5-9': 990 },
  'fashion-mnist': { '0-4': 2965, '5-9': 3035 },
};

/** The original class ids a set keeps, in their new order; null: every class. */
export function classesOf(set: TargetClassSet): number[] | null {
  switch (set) {
    case 'all': return null;
    case '0-4': return [0, 1, 2, 3, 4];
    case '5-9': return [5, 6, 7, 8, 9];
  }
}

/** The rows of `set` whose label is in `classes`, in file order, labels remapped to their index in `classes`. */
export function selectClasses(set: ImageSet, classes: readonly number[]): ImageSet {
  const remap = new Int16Array(256).fill(-1);
  classes.forEach((c, i) => { remap[c] = i; });
  const per = set.height * set.width * set.channels;
  const rows: number[] = [];
  for (let i = 0; i < set.count; i++) if (remap[set.labels[i]] >= 0) rows.push(i);
  const pixels = new Uint8Array(rows.length * per);
  const labels = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    pixels.set(set.pixels.subarray(r * per, (r + 1) * per), i * per);
    labels[i] = remap[set.labels[r]];
  });
  return { ...set, count: rows.length, numClasses: classes.length, pixels, labels };
}
