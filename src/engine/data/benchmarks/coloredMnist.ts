/**
 * DomainBed's ColoredMNIST (domainbed/datasets.py, after Arjovsky et al.'s IRM): two classes and a
 * colour that predicts them better than the digit's shape does in the training environments.
 * Per image:
 *   label  = (digit < 5) XOR Bernoulli(0.25)        25 % label noise: shape alone reaches 75 %
 *   colour = label XOR Bernoulli(e)                  e = 0.1, 0.2, 0.9 in the three environments
 *   image  = two planes; the digit in plane `colour`, the other plane zeroed
 * so colour agrees with the label 90 %, 80 % and 10 % of the time ('+90%', '+80%', '-90%').
 * DomainBed keeps the full 28×28 (its 14×14 subsampling line is commented out) and 2 classes.
 * Our models read RGB: plane 0 is red, plane 1 green, blue stays 0 (dataset.ts), so the images
 * are a red or a green digit on black.
 */
import { createRng } from '../../rng';
import type { GreyPool } from './pool';

/** Colour-flip probability e of each environment, in DomainBed's order. */
export const COLOUR_FLIP = [0.1, 0.2, 0.9] as const;
export const LABEL_FLIP = 0.25;

export interface ColouredRows {
  /** two planes per image, channels last: 28·28·2 bytes each */
  planes: Uint8Array;
  /** 1 when the digit is 0–4 (before noise), after the 25 % flip */
  labels: Uint8Array;
  /** the plane the digit was drawn in */
  colours: Uint8Array;
}

/** Environment `env`'s images from pool rows, with its own seeded Bernoulli draws (labels first, then colours). */
export function colourRows(pool: GreyPool, rows: ArrayLike<number>, flip: number, seed: number, env: number): ColouredRows {
  const px = pool.side * pool.side;
  const n = rows.length;
  // DomainBed draws torch.rand(n) < p, all labels then all colours
  const labelDraws = createRng(seed, `colored-mnist:env${env}:label-flip`);
  const colourDraws = createRng(seed, `colored-mnist:env${env}:colour-flip`);
  const labels = new Uint8Array(n);
  const colours = new Uint8Array(n);
  for (let i = 0; i < n; i++) labels[i] = (pool.labels[rows[i]] < 5 ? 1 : 0) ^ (labelDraws.next() < LABEL_FLIP ? 1 : 0);
  for (let i = 0; i < n; i++) colours[i] = labels[i] ^ (colourDraws.next() < flip ? 1 : 0);
  const planes = new Uint8Array(n * px * 2);
  for (let i = 0; i < n; i++) {
    const src = rows[i] * px;
    const dst = i * px * 2 + colours[i];
    for (let p = 0; p < px; p++) planes[dst + 2 * p] = pool.pixels[src + p];
  }
  return { planes, labels, colours };
}
