/**
 * Measurements of a built benchmark against DomainBed's definitions, from the images themselves:
 * each domain's rotation (how far the principal axis of each digit turned from its source digit),
 * ColoredMNIST's label-flip rate and colour-label agreement. Used by the tests and printed by
 * scripts/benchmark/definitions.ts.
 */
import type { Environment } from './build';
import type { GreyPool } from './pool';

const SIDE = 28;
const PX = SIDE * SIDE;

/** Principal-axis angle of an image in degrees (anticlockwise on screen: y up) and its elongation in [0, 1]. */
export function orientation(img: ArrayLike<number>, stride = 1, offset = 0): { angle: number; elongation: number } {
  let m = 0, sx = 0, sy = 0;
  for (let p = 0; p < PX; p++) {
    const v = img[p * stride + offset];
    m += v; sx += v * (p % SIDE); sy -= v * Math.floor(p / SIDE);
  }
  const cx = sx / m, cy = sy / m;
  let mu20 = 0, mu02 = 0, mu11 = 0;
  for (let p = 0; p < PX; p++) {
    const v = img[p * stride + offset];
    const dx = (p % SIDE) - cx, dy = -Math.floor(p / SIDE) - cy;
    mu20 += v * dx * dx; mu02 += v * dy * dy; mu11 += v * dx * dy;
  }
  const spread = Math.sqrt(4 * mu11 * mu11 + (mu20 - mu02) ** 2);
  return { angle: (0.5 * Math.atan2(2 * mu11, mu20 - mu02) * 180) / Math.PI, elongation: spread / (mu20 + mu02) };
}

const wrap90 = (deg: number) => ((((deg + 90) % 180) + 180) % 180) - 90;

/**
 * Median turn (degrees, anticlockwise) of an environment's images from their source digits, over
 * the elongated digits (elongation > 0.5), whose axis is well defined; and how many were used.
 */
export function measuredTurn(env: Environment, pool: GreyPool): { degrees: number; digits: number } {
  const turns: number[] = [];
  for (let i = 0; i < env.images.count; i++) {
    const row = env.poolRows[i];
    const before = orientation(pool.pixels.subarray(row * PX, (row + 1) * PX));
    if (before.elongation <= 0.5) continue;
    const after = orientation(env.images.pixels.subarray(i * PX * 3, (i + 1) * PX * 3), 3, 0);
    turns.push(wrap90(after.angle - before.angle));
  }
  turns.sort((a, b) => a - b);
  return { degrees: turns[Math.floor(turns.length / 2)], digits: turns.length };
}

/** Whether image i of an RGB set has its digit in the green plane (ColoredMNIST colour 1). */
export function isGreen(pixels: Uint8Array, i: number): boolean {
  for (let p = 0; p < PX; p++) if (pixels[(i * PX + p) * 3 + 1] > 0) return true;
  return false;
}

/** Share of an environment's images whose colour (green = 1) equals their label. */
export function colourAgreement(env: Environment): number {
  let agree = 0;
  for (let i = 0; i < env.images.count; i++) if ((isGreen(env.images.pixels, i) ? 1 : 0) === env.images.labels[i]) agree++;
  return agree / env.images.count;
}

/** Share of images whose binary label differs from "source digit < 5". */
export function labelFlipRate(envs: readonly Environment[], pool: GreyPool): number {
  let flipped = 0, total = 0;
  for (const e of envs) {
    for (let i = 0; i < e.images.count; i++) if (e.images.labels[i] !== (pool.labels[e.poolRows[i]] < 5 ? 1 : 0)) flipped++;
    total += e.images.count;
  }
  return flipped / total;
}
