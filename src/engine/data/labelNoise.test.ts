/**
 * Label noise: the realised rate is the rate asked for, a seed repeats exactly and another seed
 * flips other labels, every flip changes the label, and only the training labels of a run's data
 * change (validation and test labels stay clean). Also the class subset a lab target uses.
 */
import { describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { SUBSET_TRAIN_IMAGES, selectClasses } from './classSubset';
import { applyLabelNoise } from './labelNoise';
import { loadTargetData, readSplit, toRgbSet, type TargetDataRequest } from './targetData';

const clean = Uint8Array.from({ length: 1000 }, (_, i) => i % 5);

describe('symmetric label noise', () => {
  it.each([0, 0.1, 0.2, 0.4])('flips exactly round(rate·n) labels at rate %s, each to another class', (rate) => {
    const { labels, flipped, realisedRate } = applyLabelNoise(clean, 5, rate, 3);
    const changed = labels.reduce((n, l, i) => n + (l !== clean[i] ? 1 : 0), 0);
    expect(flipped).toBe(Math.round(rate * clean.length));
    expect(changed).toBe(flipped);
    expect(realisedRate).toBeCloseTo(rate, 10);
    expect(Math.max(...labels)).toBeLessThan(5);
    expect(clean.every((l, i) => l === i % 5)).toBe(true); // the input is not changed
  });

  it('the same seed flips the same labels to the same classes; another seed flips others', () => {
    const a = applyLabelNoise(clean, 5, 0.2, 7).labels;
    const b = applyLabelNoise(clean, 5, 0.2, 7).labels;
    const c = applyLabelNoise(clean, 5, 0.2, 8).labels;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('spreads flips over every wrong class (symmetric)', () => {
    const big = Uint8Array.from({ length: 20000 }, () => 0);
    const { labels } = applyLabelNoise(big, 5, 0.4, 1);
    const counts = [0, 0, 0, 0, 0];
    labels.forEach((l) => counts[l]++);
    expect(counts[0]).toBe(12000);
    for (const c of counts.slice(1)) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
});

describe('a run\'s target data with label noise', () => {
  const reader = publicDirReader();
  const req: TargetDataRequest = {
    dataset: 'mnist', trainSize: 600, evalSize: 300, probeSize: 16, shifts: ['rotation'], severity: 2, shiftSeed: 0,
    targetClasses: '5-9', noiseSeed: 4,
  };

  it('digits 5–9 become classes 0–4 in file order', async () => {
    const test = await readSplit(reader, 'mnist', 'test');
    const sub = selectClasses(test, [5, 6, 7, 8, 9]);
    const expected = Array.from(test.labels).filter((l) => l >= 5).map((l) => l - 5);
    expect(Array.from(sub.labels)).toEqual(expected);
    expect(sub.numClasses).toBe(5);
  });

  it('the class sets hold as many training images as validation assumes', async () => {
    for (const dataset of ['mnist', 'fashion-mnist'] as const) {
      const train = await readSplit(reader, dataset, 'train');
      expect(selectClasses(train, [0, 1, 2, 3, 4]).count).toBe(SUBSET_TRAIN_IMAGES[dataset]['0-4']);
      expect(selectClasses(train, [5, 6, 7, 8, 9]).count).toBe(SUBSET_TRAIN_IMAGES[dataset]['5-9']);
    }
  });

  it('flips 20 % of the training labels; validation and test labels are unchanged', async () => {
    const cleanData = await loadTargetData(reader, { ...req, labelNoise: 0 });
    const noisy = await loadTargetData(reader, { ...req, labelNoise: 0.2 });
    expect(noisy.classNames).toEqual(['5', '6', '7', '8', '9']);
    expect(noisy.train.count).toBe(600);
    expect(noisy.labelNoise).toEqual({ rate: 0.2, flipped: 120 });
    const diff = noisy.train.labels.reduce((n, l, i) => n + (l !== cleanData.train.labels[i] ? 1 : 0), 0);
    expect(diff).toBe(120);
    expect(Array.from(noisy.train.pixels)).toEqual(Array.from(cleanData.train.pixels));
    expect(Array.from(noisy.val.labels)).toEqual(Array.from(cleanData.val.labels));
    expect(Array.from(noisy.test.labels)).toEqual(Array.from(cleanData.test.labels));
    const rawTest = selectClasses(await readSplit(reader, 'mnist', 'test'), [5, 6, 7, 8, 9]);
    expect(Array.from(noisy.test.labels)).toEqual(Array.from(toRgbSet(rawTest, 300).labels));
    expect(cleanData.labelNoise.flipped).toBe(0);
  });
});
