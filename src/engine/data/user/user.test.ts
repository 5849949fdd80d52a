/**
 * Your own images, the engine's side, on real MNIST digits: conversion to what the network sees,
 * the seeded held-out split, the dataset rules, the run data, the dataset file, config validation,
 * and a short real run whose OOD set is a collection.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../../config/defaults';
import { zooLookup } from '../../config/modelLookup';
import { validateConfig } from '../../config/validate';
import { runTraining } from '../../training/run';
import type { ImageSet } from '../binaryFormat';
import { readSplit } from '../targetData';
import { toNetworkImage, type RgbaImage } from './convert';
import { decodeDatasetFile, encodeDatasetFile } from './datasetFile';
import { splitIdCollection } from './split';
import { loadUserData } from './userData';
import { datasetProblems, USER_IMAGE_PIXELS, USER_LIMITS, type UserCollection, type UserDataset } from './userDataset';

let mnist: ImageSet;
beforeAll(async () => { mnist = await readSplit(publicDirReader(), 'mnist', 'test'); });

const digit = (i: number) => mnist.pixels.subarray(i * USER_IMAGE_PIXELS, (i + 1) * USER_IMAGE_PIXELS);

/** An MNIST digit drawn as a picture: `scale`× larger, dark ink on white paper, RGBA. */
function asPaper(grey: Uint8Array, scale: number, padX = 0): RgbaImage {
  const width = 28 * scale + 2 * padX;
  const height = 28 * scale;
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = padX; x < width - padX; x++) {
      const v = 255 - grey[Math.floor(y / scale) * 28 + Math.floor((x - padX) / scale)];
      const j = (y * width + x) * 4;
      data[j] = v; data[j + 1] = v; data[j + 2] = v;
    }
  }
  return { width, height, data };
}

const meanAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
};

/** Rows of the MNIST test split with the given labels: `perClass` of each, from `from` on. */
function collection(name: string, role: UserCollection['role'], classes: number[], perClass: number, from = 0): UserCollection {
  const rows: number[] = [];
  const taken = classes.map(() => 0);
  for (let i = from; i < mnist.count && rows.length < classes.length * perClass; i++) {
    const c = classes.indexOf(mnist.labels[i]);
    if (c >= 0 && taken[c] < perClass) { taken[c]++; rows.push(i); }
  }
  const pixels = new Uint8Array(rows.length * USER_IMAGE_PIXELS);
  rows.forEach((r, k) => pixels.set(digit(r), k * USER_IMAGE_PIXELS));
  return { name, role, pixels, labels: Uint8Array.from(rows, (r) => classes.indexOf(mnist.labels[r])) };
}

function dataset(collections: UserCollection[], classNames = ['zero', 'one']): UserDataset {
  return { id: 'user:digits', name: 'digits', classNames, collections, createdAt: 0 };
}

describe('what the network sees', () => {
  it('a digit drawn dark on white paper at 4× comes back as the MNIST digit (light on dark)', () => {
    for (const i of [0, 1, 2, 3]) {
      const seen = toNetworkImage(asPaper(digit(i), 4));
      expect(meanAbs(seen, digit(i))).toBeLessThan(1);
    }
  });

  it('a wide picture is fitted whole, padded with its background, and centred', () => {
    const seen = toNetworkImage(asPaper(digit(0), 2, 14)); // 84×56: the digit in the middle two thirds
    // the padding became dark background: the left and right sixth of each row are near 0
    for (let y = 0; y < 28; y++) for (const x of [0, 1, 2, 25, 26, 27]) expect(seen[y * 28 + x]).toBeLessThan(10);
    // and the ink is still there, in the middle
    expect(seen.reduce((s, v) => s + v, 0)).toBeGreaterThan(digit(0).reduce((s, v) => s + v, 0) * 0.35); // the digit is 2/3 as tall: 4/9 of the ink
  });

  it('transparent pixels count as white paper; light ink on a dark photo is kept as it is', () => {
    const clear = { width: 10, height: 10, data: new Uint8Array(400) }; // all transparent
    expect(Math.max(...toNetworkImage(clear))).toBe(0); // white paper, inverted to MNIST's dark ground
    const rgb = new Uint8Array(28 * 28 * 4);
    digit(5).forEach((v, i) => { rgb.set([v, v, v, 255], i * 4); });
    expect(Array.from(toNetworkImage({ width: 28, height: 28, data: rgb }))).toEqual(Array.from(digit(5)));
  });
});

describe('the held-out split', () => {
  it('holds out a seeded quarter of each class, at least one, disjoint from training, the same every time', () => {
    const labels = Uint8Array.from(mnist.labels.subarray(0, 300));
    const a = splitIdCollection(labels, 10);
    expect(splitIdCollection(labels, 10)).toEqual(a);
    expect(new Set([...a.train, ...a.test]).size).toBe(300);
    for (let c = 0; c < 10; c++) {
      const n = labels.filter((l) => l === c).length;
      expect(a.test.filter((r) => labels[r] === c).length).toBe(Math.max(1, Math.round(n / 4)));
    }
    // two images of a class: one trains, one tests
    const tiny = splitIdCollection(Uint8Array.from([0, 0, 1, 1, 1]), 2);
    expect(tiny.test.map((r) => [0, 0, 1, 1, 1][r]).sort()).toEqual([0, 1]);
    expect(tiny.train).toHaveLength(3);
    expect(splitIdCollection(labels, 10, 7)).not.toEqual(a);
  });
});

describe('dataset rules', () => {
  it('refuses one class, an empty class, a class with one image, more than the cap, no training collection', () => {
    const ok = dataset([collection('printed', 'id', [0, 1], 4), collection('handwritten', 'ood', [0, 1], 3, 500)]);
    expect(datasetProblems(ok)).toEqual([]);
    expect(datasetProblems({ ...ok, classNames: ['zero'], collections: [collection('printed', 'id', [0], 4)] }).join()).toMatch(/at least 2 classes; this dataset has 1 \("zero"\)/);
    expect(datasetProblems(dataset([collection('printed', 'id', [0], 4)])).join()).toMatch(/class "one" is empty in "printed"/);
    expect(datasetProblems(dataset([collection('p', 'id', [0, 1], 1)])).join()).toMatch(/class "zero" has 1 image in "p"; it needs 2/);
    const n = USER_LIMITS.maxImages + 1;
    const big = { name: 'many', role: 'id' as const, pixels: new Uint8Array(n * USER_IMAGE_PIXELS), labels: Uint8Array.from({ length: n }, (_, i) => i % 2) };
    expect(datasetProblems(dataset([big])).join()).toMatch(/^5001 images: at most 5000 are kept in one dataset/);
    expect(datasetProblems(dataset([{ ...ok.collections[0], role: 'ood' }])).join()).toMatch(/no collection is marked as the training \(ID\) domain/);
    expect(datasetProblems(dataset([ok.collections[0], { ...ok.collections[1], name: 'printed' }])).join()).toMatch(/two collections have the same name/);
  });
});

describe('a run on your own images', () => {
  const own = () => dataset([collection('printed', 'id', [0, 1], 8), collection('my handwriting', 'ood', [0, 1], 5, 500)]);
  const req = { trainSize: 12, evalSize: 100, probeSize: 16, shifts: ['rotation' as const], severity: 3, shiftSeed: 1 };

  it('trains on the ID collection less its held-out quarter; the OOD collection is "domain:<name>", before the shifts', () => {
    const data = loadUserData({ ...req, dataset: own() });
    expect(data.dataset).toBe('user:digits');
    expect(data.classNames).toEqual(['zero', 'one']);
    expect(data.train.count).toBe(12);
    expect(data.test.count).toBe(4);
    expect(data.ood.map((o) => o.shift)).toEqual(['domain:my handwriting', 'rotation']);
    expect(data.ood[0].set.count).toBe(10);
    // no training image is a test image
    const key = (p: Uint8Array, i: number) => p.subarray(i * 2352, (i + 1) * 2352).join();
    const train = new Set(Array.from({ length: data.train.count }, (_, i) => key(data.train.pixels, i)));
    for (let i = 0; i < data.test.count; i++) expect(train.has(key(data.test.pixels, i))).toBe(false);
    // grey copied to three channels
    expect(data.train.pixels.length).toBe(12 * 2352);
    expect([data.train.pixels[300], data.train.pixels[301], data.train.pixels[302]].every((v) => v === data.train.pixels[300])).toBe(true);
  });

  it('says how many images there are to train on when asked for more, and refuses a dataset with problems', () => {
    expect(() => loadUserData({ ...req, trainSize: 13, dataset: own() })).toThrow(/trainSize: digits has 12 training images/);
    expect(() => loadUserData({ ...req, dataset: dataset([collection('printed', 'id', [0], 4)]) })).toThrow(/class "one" is empty/);
  });

  it('fine-tunes mlp-broad on it for real: an evaluation reports the collection as an OOD set', async () => {
    await useNodeBackend('wasm');
    const d = own();
    const config = {
      ...DEFAULT_CONFIG, model: 'mlp-broad', dataset: d.id, trainSize: 12, batchSize: 4, evalSize: 32, probeSize: 16, evalEvery: 5,
      shifts: [], method: { ...DEFAULT_CONFIG.method, kind: 'ft' as const }, duration: { unit: 'steps' as const, value: 10 },
    };
    const facts = { name: d.name, classNames: d.classNames, trainImages: 12, oodCollections: ['my handwriting'] };
    const checked = validateConfig(config, zooLookup, (id) => (id === d.id ? facts : undefined));
    if (!checked.ok) throw new Error(checked.errors.map((e) => e.message).join('; '));
    const summary = await runTraining(checked.config, {
      reader: publicDirReader(), control: { checkpoint: async () => false }, emit: () => undefined,
      datasets: (id) => (id === d.id ? d : undefined),
    });
    expect(summary.status).toBe('completed');
    expect(Object.keys(summary.last!.ood)).toEqual(['domain:my handwriting']);
    expect(summary.last!.ood['domain:my handwriting']).toBeGreaterThanOrEqual(0);
  }, 120_000);
});

describe('config validation of a user dataset', () => {
  const facts = { name: 'digits', classNames: ['zero', 'one'], trainImages: 12, oodCollections: ['my handwriting'] };
  const base = { ...DEFAULT_CONFIG, dataset: 'user:digits', trainSize: 12, batchSize: 4, shifts: [] };
  const lookup = (id: string) => (id === 'user:digits' ? facts : undefined);
  it('takes a few images and no shift when a collection is OOD; refuses what does not fit, naming the field', () => {
    expect(validateConfig(base, zooLookup, lookup).ok).toBe(true);
    const errors = (c: object, l = lookup) => { const r = validateConfig({ ...base, ...c }, zooLookup, l); return r.ok ? [] : r.errors.map((e) => e.message); };
    expect(errors({}, () => undefined).join()).toMatch(/dataset: "user:digits" is a dataset of your own images that is not in this browser/);
    expect(errors({ trainSize: 13 }).join()).toMatch(/trainSize: digits has 12 training images/);
    expect(errors({}, () => ({ ...facts, oodCollections: [] })).join()).toMatch(/shifts: pick at least one shift, or mark a collection/);
    expect(errors({ dataset: 'user:Bad Id' }).join()).toMatch(/^dataset: expected one of mnist/);
    // the shipped sets keep their floor
    expect(errors({ dataset: 'mnist', shifts: ['rotation'] }).join()).toMatch(/trainSize: must be ≥ 64/);
  });
});

describe('the dataset file', () => {
  it('round-trips a dataset, and refuses a corrupt or tampered file whole', () => {
    const d = dataset([collection('printed', 'id', [0, 1], 4), collection('my handwriting', 'ood', [0, 1], 3, 500)]);
    const bytes = encodeDatasetFile(d);
    const back = decodeDatasetFile(bytes);
    if (!back.ok) throw new Error(back.message);
    expect(back.dataset.name).toBe('digits');
    expect(back.dataset.collections.map((c) => [c.name, c.role, c.labels.length])).toEqual([['printed', 'id', 8], ['my handwriting', 'ood', 6]]);
    expect(back.dataset.collections[1].pixels).toEqual(d.collections[1].pixels);
    const cut = decodeDatasetFile(bytes.subarray(0, bytes.length - 40));
    expect(cut.ok).toBe(false);
    const oneClass = decodeDatasetFile(encodeDatasetFile({ ...d, classNames: ['zero'], collections: [collection('printed', 'id', [0], 4)] }));
    expect(oneClass).toEqual({ ok: false, message: expect.stringMatching(/at least 2 classes/) });
    expect(decodeDatasetFile(new TextEncoder().encode('not a zip')).ok).toBe(false);
  });
});
