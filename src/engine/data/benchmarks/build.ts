/**
 * A DomainBed benchmark's environments, built from the digit pool for one seed: DomainBed's deal
 * of the pool into environments (environments.ts), each environment's transform (rotation or
 * colour), its in/out holdout, and our 28×28×3 images. Deterministic for (benchmark, pool, seed).
 */
import { greyToRgb } from '../colour';
import type { RgbSet } from '../targetData';
import { BENCHMARKS, type BenchmarkId } from '../targets';
import { COLOUR_FLIP, colourRows } from './coloredMnist';
import { dealEnvironments, holdoutSplit } from './environments';
import type { GreyPool } from './pool';
import { ROTATION_ANGLES, rotateRows } from './rotatedMnist';

export interface Environment {
  name: string;
  /** every image of the environment, RGB */
  images: RgbSet;
  /** the pool row each image came from */
  poolRows: Int32Array;
  /** positions in `images` of the model-selection ('out') and training/test ('in') parts */
  out: Int32Array;
  in: Int32Array;
}

/** Two planes (channels last) → RGB with plane 0 red, plane 1 green, blue 0. */
export function planesToRgb(planes: Uint8Array, count: number, pixels: number): Uint8Array {
  const rgb = new Uint8Array(count * pixels * 3);
  for (let i = 0, j = 0; i < count * pixels; i++, j += 3) {
    rgb[j] = planes[2 * i];
    rgb[j + 1] = planes[2 * i + 1];
  }
  return rgb;
}

export function buildEnvironments(id: BenchmarkId, pool: GreyPool, seed: number): Environment[] {
  const info = BENCHMARKS[id];
  const px = pool.side * pool.side;
  const dealt = dealEnvironments(pool.count, info.domains.length, seed);
  return dealt.map((rows, env) => {
    let images: RgbSet;
    if (id === 'rotated-mnist') {
      const { grey, labels } = rotateRows(pool, rows, ROTATION_ANGLES[env]);
      images = { count: rows.length, pixels: greyToRgb(grey, rows.length, px), labels };
    } else {
      const { planes, labels } = colourRows(pool, rows, COLOUR_FLIP[env], seed, env);
      images = { count: rows.length, pixels: planesToRgb(planes, rows.length, px), labels };
    }
    const split = holdoutSplit(rows.length, env, seed);
    return { name: info.domains[env], images, poolRows: rows, out: split.out, in: split.in };
  });
}
