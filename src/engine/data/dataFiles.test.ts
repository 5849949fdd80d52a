/** The generated data files: present, well-formed, matching the manifest and the catalog. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeImageSet, encodeImageSet } from './binaryFormat';
import { DATASETS, DATASET_IDS, MANIFEST_PATH, splitPath, type SplitId } from './catalog';

const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));

describe('image-set format', () => {
  it('round-trips and rejects damaged files', () => {
    const set = { count: 2, height: 2, width: 2, channels: 1, numClasses: 3, pixels: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), labels: Uint8Array.from([0, 2]) };
    const bytes = encodeImageSet(set);
    const back = decodeImageSet(bytes);
    expect(Array.from(back.pixels)).toEqual(Array.from(set.pixels));
    expect(Array.from(back.labels)).toEqual([0, 2]);
    expect(() => decodeImageSet(bytes.subarray(0, bytes.length - 1), 'cut')).toThrow(/cut: expected/);
    const badLabel = bytes.slice();
    badLabel[badLabel.length - 1] = 7;
    expect(() => decodeImageSet(badLabel)).toThrow(/label 7/);
    const badMagic = bytes.slice();
    badMagic[0] = 0;
    expect(() => decodeImageSet(badMagic)).toThrow(/not an image-set file/);
  });
});

describe.each(DATASET_IDS)('%s files', (id) => {
  const info = DATASETS[id];
  const splits = (Object.keys(info.splitSizes) as SplitId[]).map((split): [SplitId, number] => {
    const size = info.splitSizes[split]!;
    return [split, size === 'rest' ? manifest.datasets[id].splits[split].count : size];
  });

  it.each(splits)('%s has its catalog size, valid labels, every class, and the manifest checksum', (split, size) => {
    const bytes = readFileSync(splitPath(id, split));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(manifest.datasets[id].splits[split].sha256);
    const set = decodeImageSet(bytes, split);
    expect(set.count).toBe(size);
    expect([set.height, set.width, set.channels]).toEqual([28, 28, 1]);
    expect(new Set(set.labels).size).toBe(info.classNames.length);
    // real images, not blanks: a typical digit or garment lights up 10–60 % of the pixels
    let lit = 0;
    for (let i = 0; i < Math.min(set.pixels.length, 784 * 100); i++) if (set.pixels[i] > 64) lit++;
    const share = lit / Math.min(set.pixels.length, 784 * 100);
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.7);
  });

  it('no image appears twice, within or across splits', () => {
    const seen = new Set<string>();
    let images = 0;
    for (const [split] of splits) {
      const set = decodeImageSet(readFileSync(splitPath(id, split)));
      for (let i = 0; i < set.count; i++, images++) {
        seen.add(createHash('md5').update(set.pixels.subarray(i * 784, (i + 1) * 784)).digest('hex'));
      }
    }
    expect(seen.size).toBe(images);
    expect(images).toBe(manifest.datasets[id].distinctImages);
  });
});
