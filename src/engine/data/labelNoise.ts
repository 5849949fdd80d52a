/**
 * Symmetric label noise on the target's training labels (Frozen overparameterization protocol,
 * ../shared/METHODS.md): exactly round(rate · n) training images, picked by a seeded permutation,
 * get a label drawn uniformly from the other classes. Only the training set is ever passed here;
 * validation and test labels stay clean. Pure, no TF.js.
 */
import { createRng, permutation } from '../rng';

export interface LabelNoiseResult {
  /** the training labels after flipping (a copy; the input is not changed) */
  labels: Uint8Array;
  /** how many labels now differ from the clean ones */
  flipped: number;
  /** flipped / n */
  realisedRate: number;
}

export function applyLabelNoise(clean: Uint8Array, numClasses: number, rate: number, seed: number): LabelNoiseResult {
  const labels = clean.slice();
  const n = labels.length;
  if (!(rate > 0) || n === 0 || numClasses < 2) return { labels, flipped: 0, realisedRate: 0 };
  const count = Math.min(n, Math.round(rate * n));
  const rng = createRng(seed, 'label-noise');
  const rows = permutation(n, rng).subarray(0, count);
  for (const r of rows) {
    // a uniform draw from the C − 1 other classes: every flip changes the label
    const other = rng.int(0, numClasses - 2);
    labels[r] = other >= labels[r] ? other + 1 : other;
  }
  return { labels, flipped: count, realisedRate: count / n };
}
