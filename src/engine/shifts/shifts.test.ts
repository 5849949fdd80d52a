/**
 * The shift library on real MNIST test digits (white strokes on black, replicated to RGB).
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../../scripts/data/build-data';
import { decodeImageSet } from '../data/binaryFormat';
import { splitPath } from '../data/catalog';
import { greyToRgb } from '../data/colour';
import { createRng } from '../rng';
import {
  BRIGHTNESS_OFFSET, CONTRAST_FACTOR, GAUSSIAN_NOISE_SIGMA, IMPULSE_NOISE_AMOUNT, RGB_IMAGE_BYTES, ROTATION_DEGREES,
  SHIFTS, SHIFT_IDS, STRIPE_WIDTH, applyShiftToSet, getShift, type Severity, type ShiftId,
} from './index';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const N = 50;
const SEVERITIES: Severity[] = [1, 2, 3, 4, 5];
const COLOUR_SHIFTS: ShiftId[] = ['colour-tint', 'coloured-background'];

let clean: Uint8Array; // N images, count·2352 bytes

function loadMnistRgb(count: number): Uint8Array {
  const path = splitPath('mnist', 'test');
  if (!existsSync(path)) buildData();
  const set = decodeImageSet(readFileSync(path), path);
  expect(set.channels).toBe(1);
  return greyToRgb(set.pixels.slice(0, count * PIXELS), count, PIXELS);
}

function image(set: Uint8Array, i: number): Uint8Array {
  return set.subarray(i * RGB_IMAGE_BYTES, (i + 1) * RGB_IMAGE_BYTES);
}

/** Index of the first byte where two arrays differ, −1 when identical (vitest's deep equality is slow on big typed arrays). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] - b[i]);
  return d / a.length;
}

function sum(a: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** Brightness-weighted centre of one image's red channel. */
function centroid(img: Uint8Array): [number, number] {
  let m = 0, sx = 0, sy = 0;
  for (let p = 0; p < PIXELS; p++) {
    const v = img[p * 3];
    m += v; sx += v * (p % SIDE); sy += v * Math.floor(p / SIDE);
  }
  return [sx / m, sy / m];
}

/** Fraction of pixels whose three channels are not all equal. */
function colouredFraction(set: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < set.length; i += 3) if (set[i] !== set[i + 1] || set[i + 1] !== set[i + 2]) n++;
  return n / (set.length / 3);
}

beforeAll(() => {
  clean = loadMnistRgb(N);
});

describe('registry', () => {
  it('defines every shift id exactly once, with page text', () => {
    expect(Object.keys(SHIFTS).sort()).toEqual([...SHIFT_IDS].sort());
    for (const id of SHIFT_IDS) {
      const def = getShift(id);
      expect(def.id).toBe(id);
      expect(def.label.length).toBeGreaterThan(2);
      expect(def.description.length).toBeGreaterThan(20);
      expect(['geometric', 'noise', 'blur', 'photometric', 'colour', 'pattern']).toContain(def.group);
    }
  });

  it('rejects a set whose length does not match the count, and a severity outside 1–5', () => {
    expect(() => applyShiftToSet(clean.subarray(0, 100), 1, 'blur', 1, 1)).toThrow();
    expect(() => applyShiftToSet(image(clean, 0), 1, 'blur', 6 as Severity, 1)).toThrow();
  });

  it("draws each image's randomness from its index, not from the other images in the set", () => {
    const full = applyShiftToSet(clean, N, 'gaussian-noise', 3, 11);
    const firstFive = applyShiftToSet(clean.slice(0, 5 * RGB_IMAGE_BYTES), 5, 'gaussian-noise', 3, 11);
    expect(firstDifference(firstFive, full.subarray(0, 5 * RGB_IMAGE_BYTES))).toBe(-1);
    // …and each index has its own stream: the same digit at two positions gets different noise
    const twice = new Uint8Array(2 * RGB_IMAGE_BYTES);
    twice.set(image(clean, 0), 0);
    twice.set(image(clean, 0), RGB_IMAGE_BYTES);
    const twiceOut = applyShiftToSet(twice, 2, 'gaussian-noise', 3, 11);
    expect(firstDifference(image(twiceOut, 0), image(twiceOut, 1))).not.toBe(-1);
    // replace every other image by a different digit: image 0's result must not move
    const mixed = clean.slice(0, 5 * RGB_IMAGE_BYTES);
    mixed.set(image(clean, 40).subarray(0), RGB_IMAGE_BYTES);
    const mixedOut = applyShiftToSet(mixed, 5, 'gaussian-noise', 3, 11);
    expect(firstDifference(image(mixedOut, 0), image(full, 0))).toBe(-1);
    expect(firstDifference(image(mixedOut, 1), image(full, 1))).not.toBe(-1);
  });
});

describe.each(SHIFT_IDS)('%s', (id) => {
  const def = SHIFTS[id];

  it.each([1, 3, 5] as Severity[])('severity %i: right shape and type, input untouched, deterministic per seed', (severity) => {
    const before = clean.slice();
    const a = applyShiftToSet(clean, N, id, severity, 42);
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a.length).toBe(N * RGB_IMAGE_BYTES);
    expect(firstDifference(clean, before)).toBe(-1);
    expect(a.buffer).not.toBe(clean.buffer);
    const again = applyShiftToSet(clean, N, id, severity, 42);
    expect(firstDifference(again, a)).toBe(-1);
    const otherSeed = applyShiftToSet(clean, N, id, severity, 43);
    // a stochastic shift draws differently for another seed; a fixed one must ignore the seed
    if (def.stochastic) expect(firstDifference(otherSeed, a)).not.toBe(-1);
    else expect(firstDifference(otherSeed, a)).toBe(-1);
  });

  it('the single-image apply returns a new image and leaves its input alone', () => {
    const src = new Uint8ClampedArray(image(clean, 3));
    const copy = src.slice();
    const out = def.apply(src, 3, createRng(5, 'single'));
    expect(out).toBeInstanceOf(Uint8ClampedArray);
    expect(out.length).toBe(RGB_IMAGE_BYTES);
    expect(out).not.toBe(src);
    expect(firstDifference(src, copy)).toBe(-1);
  });

  it('is clearly visible at severity 3', () => {
    // 5/255 averaged over all pixels: a digit's strokes cover about a fifth of the frame, so this
    // is ~25 grey levels on every stroke pixel, or a smaller change spread over the background;
    // rounding or a one-pixel slip on a few pixels stays far below it.
    expect(meanAbsDiff(applyShiftToSet(clean, N, id, 3, 7), clean)).toBeGreaterThan(5);
  });

  it('changes the image more at each higher severity (50 digits)', () => {
    const mad = SEVERITIES.map((s) => meanAbsDiff(applyShiftToSet(clean, N, id, s, 7), clean));
    for (let s = 1; s < 5; s++) expect(mad[s], `severity ${s + 1} vs ${s}: ${mad.map((m) => m.toFixed(1))}`).toBeGreaterThan(mad[s - 1]);
    expect(mad[4]).toBeGreaterThan(1.5 * mad[0]);
  });

  if (COLOUR_SHIFTS.includes(id)) {
    it('makes R, G and B differ', () => {
      for (const s of [1, 5] as Severity[]) {
        const out = applyShiftToSet(clean, N, id, s, 3);
        // tint only touches lit pixels (~20 % of MNIST), the background shift touches nearly all
        expect(colouredFraction(out)).toBeGreaterThan(id === 'colour-tint' ? 0.1 : 0.6);
        for (let i = 0; i < N; i++) expect(colouredFraction(image(out, i))).toBeGreaterThan(0.05);
      }
    });
  } else {
    it('keeps grey images grey (R = G = B)', () => {
      expect(colouredFraction(clean)).toBe(0);
      for (const s of [1, 3, 5] as Severity[]) expect(colouredFraction(applyShiftToSet(clean, N, id, s, 3))).toBe(0);
    });
  }
});

describe('hand-checkable properties', () => {
  it('inversion at severity 5 maps v to 255 − v exactly', () => {
    const out = applyShiftToSet(clean, N, 'inversion', 5, 1);
    for (let i = 0; i < out.length; i++) if (out[i] !== 255 - clean[i]) expect.fail(`byte ${i}: ${clean[i]} → ${out[i]}`);
    expect(out[0]).toBe(255); // corner pixel is black background in MNIST
  });

  it.each(SEVERITIES)("rotation at severity %i moves a single bright pixel by the severity's angle about the centre", (severity) => {
    const src = new Uint8Array(RGB_IMAGE_BYTES);
    const px = 20, py = 10;
    src.fill(255, (py * SIDE + px) * 3, (py * SIDE + px) * 3 + 3);
    const theta = (ROTATION_DEGREES[severity - 1] * Math.PI) / 180;
    const c = 13.5;
    // y points down, so either sign of the angle is a legitimate rotation
    const candidates = [theta, -theta].map((t) => [
      c + Math.cos(t) * (px - c) - Math.sin(t) * (py - c),
      c + Math.sin(t) * (px - c) + Math.cos(t) * (py - c),
    ]);
    for (const seed of [1, 2, 3, 4]) {
      const [x, y] = centroid(applyShiftToSet(src, 1, 'rotation', severity, seed));
      const dist = Math.min(...candidates.map(([ex, ey]) => Math.hypot(x - ex, y - ey)));
      expect(dist).toBeLessThan(1);
      expect(Math.hypot(x - px, y - py)).toBeGreaterThan(1);
    }
  });

  it('translation at severity 1 keeps the digit in frame and moves it one pixel along each axis', () => {
    const out = applyShiftToSet(clean, N, 'translation', 1, 9);
    let ratioSum = 0;
    for (let i = 0; i < N; i++) {
      const ratio = sum(image(out, i)) / sum(image(clean, i));
      ratioSum += ratio;
      expect(ratio).toBeGreaterThan(0.9);
      if (ratio === 1) {
        const [x0, y0] = centroid(image(clean, i));
        const [x1, y1] = centroid(image(out, i));
        expect(Math.abs(Math.abs(x1 - x0) - 1)).toBeLessThan(1e-6);
        expect(Math.abs(Math.abs(y1 - y0) - 1)).toBeLessThan(1e-6);
      }
    }
    expect(ratioSum / N).toBeGreaterThan(0.98);
  });

  it('shear at severity 1 only slides rows sideways: every row keeps its brightness', () => {
    const out = applyShiftToSet(clean, N, 'shear', 1, 2);
    let worst = 0;
    for (let i = 0; i < N; i++) {
      for (let y = 0; y < SIDE; y++) {
        const row = (set: Uint8Array) => sum(image(set, i).subarray(y * SIDE * 3, (y + 1) * SIDE * 3));
        worst = Math.max(worst, Math.abs(row(out) - row(clean)));
      }
    }
    // bilinear interpolation along a row conserves its sum up to rounding (≤ 0.5 per byte)
    expect(worst).toBeLessThanOrEqual(SIDE * 3 * 0.5);
  });

  it('brightness at severity 1 adds 10 % of full scale, clipped at white', () => {
    const out = applyShiftToSet(clean, N, 'brightness', 1, 1);
    const add = BRIGHTNESS_OFFSET[0] * 255;
    let worst = 0;
    for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i] - Math.min(255, clean[i] + add)));
    expect(worst).toBeLessThanOrEqual(0.5);
  });

  it("contrast keeps each image's mean and scales its spread by the severity's factor", () => {
    for (const s of [1, 5] as Severity[]) {
      const out = applyShiftToSet(clean, N, 'contrast', s, 1);
      for (let i = 0; i < N; i++) {
        const stats = (img: Uint8Array) => {
          const mean = sum(img) / img.length;
          let v = 0;
          for (let j = 0; j < img.length; j++) v += (img[j] - mean) ** 2;
          return [mean, Math.sqrt(v / img.length)];
        };
        const [m0, s0] = stats(image(clean, i));
        const [m1, s1] = stats(image(out, i));
        expect(Math.abs(m1 - m0)).toBeLessThan(0.5);
        expect(s1 / s0).toBeCloseTo(CONTRAST_FACTOR[s - 1], 1);
      }
    }
  });

  it('gaussian noise on the black background averages σ/√(2π) (negative half clipped)', () => {
    const out = applyShiftToSet(clean, N, 'gaussian-noise', 3, 1);
    let total = 0, n = 0;
    for (let i = 0; i < out.length; i++) if (clean[i] === 0) { total += out[i]; n++; }
    const expected = (GAUSSIAN_NOISE_SIGMA[2] * 255) / Math.sqrt(2 * Math.PI);
    expect(total / n).toBeGreaterThan(expected * 0.95);
    expect(total / n).toBeLessThan(expected * 1.05);
  });

  it('shot noise leaves black pixels black and keeps lit pixels near their mean', () => {
    const out = applyShiftToSet(clean, N, 'shot-noise', 3, 1);
    let lit = 0, litIn = 0;
    let litBlack = 0;
    for (let i = 0; i < out.length; i++) {
      if (clean[i] === 0) { if (out[i] !== 0) litBlack++; }
      else if (clean[i] < 128) { lit += out[i]; litIn += clean[i]; } // away from the white clip
    }
    expect(litBlack).toBe(0);
    expect(lit / litIn).toBeGreaterThan(0.93);
    expect(lit / litIn).toBeLessThan(1.07);
  });

  it('impulse noise at severity 5 turns about half its fraction of the black pixels white', () => {
    const out = applyShiftToSet(clean, N, 'impulse-noise', 5, 1);
    let salted = 0, black = 0;
    for (let i = 0; i < out.length; i += 3) if (clean[i] === 0) { black++; if (out[i] === 255) salted++; }
    expect(salted / black).toBeGreaterThan(IMPULSE_NOISE_AMOUNT[4] / 2 - 0.01);
    expect(salted / black).toBeLessThan(IMPULSE_NOISE_AMOUNT[4] / 2 + 0.01);
  });

  it('blur and motion blur spread the strokes without changing total brightness much', () => {
    for (const id of ['blur', 'motion-blur'] as ShiftId[]) {
      const out = applyShiftToSet(clean, N, id, 3, 1);
      expect(sum(out) / sum(clean)).toBeGreaterThan(0.97);
      expect(sum(out) / sum(clean)).toBeLessThan(1.03);
      let litBefore = 0, litAfter = 0;
      for (let i = 0; i < out.length; i++) { if (clean[i] > 0) litBefore++; if (out[i] > 0) litAfter++; }
      expect(litAfter).toBeGreaterThan(1.3 * litBefore);
    }
  });

  it('fog never outshines the digit and covers the background unevenly', () => {
    const out = applyShiftToSet(clean, N, 'fog', 5, 1);
    for (let i = 0; i < N; i++) {
      expect(Math.max(...image(out, i))).toBeLessThanOrEqual(Math.max(...image(clean, i)));
      const bg: number[] = [];
      for (let j = 0; j < RGB_IMAGE_BYTES; j += 3) if (image(clean, i)[j] === 0) bg.push(image(out, i)[j]);
      expect(Math.max(...bg) - Math.min(...bg)).toBeGreaterThan(60);
    }
  });

  it('coloured background paints all black pixels one colour and leaves white strokes white', () => {
    const out = applyShiftToSet(clean, N, 'coloured-background', 3, 1);
    let offColour = 0, dimmedWhite = 0, whites = 0;
    for (let i = 0; i < N; i++) {
      const src = image(clean, i), dst = image(out, i);
      const first = src.indexOf(0) - (src.indexOf(0) % 3); // MNIST always has black pixels
      for (let j = 0; j < RGB_IMAGE_BYTES; j += 3) {
        if (src[j] === 0) {
          if (dst[j] !== dst[first] || dst[j + 1] !== dst[first + 1] || dst[j + 2] !== dst[first + 2]) offColour++;
        } else if (src[j] === 255) {
          whites++;
          if (dst[j] !== 255 || dst[j + 1] !== 255 || dst[j + 2] !== 255) dimmedWhite++;
        }
      }
    }
    expect(offColour).toBe(0);
    expect(whites).toBeGreaterThan(0);
    expect(dimmedWhite).toBe(0);
  });

  it('stripe inverts exactly the edge bands and nothing else', () => {
    for (const s of [1, 5] as Severity[]) {
      const w = STRIPE_WIDTH[s - 1];
      const out = applyShiftToSet(clean, N, 'stripe', s, 1);
      const expected = clean.map((v, i) => {
        const x = Math.floor(i / 3) % SIDE;
        return x < w || x >= SIDE - w ? 255 - v : v;
      });
      expect(firstDifference(out, expected)).toBe(-1);
    }
  });

  it('zigzag and dotted lines only add white: no byte gets darker', () => {
    for (const id of ['zigzag', 'dotted-line'] as ShiftId[]) {
      const out = applyShiftToSet(clean, N, id, 5, 1);
      let brighter = 0, darker = 0;
      for (let i = 0; i < out.length; i++) {
        if (out[i] < clean[i]) darker++;
        if (out[i] > clean[i]) brighter++;
      }
      expect(darker).toBe(0);
      expect(brighter / out.length).toBeGreaterThan(0.03);
    }
  });

  it('canny edges at severity 5 is a thin binary outline next to the strokes', () => {
    const out = applyShiftToSet(clean, N, 'canny-edges', 5, 1);
    let notBinary = 0, stray = 0;
    for (let i = 0; i < N; i++) {
      const src = image(clean, i), dst = image(out, i);
      let edges = 0, strokes = 0;
      for (let p = 0; p < PIXELS; p++) {
        const v = dst[p * 3];
        if (v !== 0 && v !== 255) notBinary++;
        if (src[p * 3] >= 128) strokes++;
        if (v !== 255) continue;
        edges++;
        // every edge pixel lies within 2 px of a lit source pixel
        const x = p % SIDE, y = Math.floor(p / SIDE);
        let near = false;
        for (let dy = -2; dy <= 2 && !near; dy++) {
          for (let dx = -2; dx <= 2 && !near; dx++) {
            const xx = x + dx, yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < SIDE && yy < SIDE && src[(yy * SIDE + xx) * 3] > 64) near = true;
          }
        }
        if (!near) stray++;
      }
      expect(edges).toBeGreaterThan(10);
      // outlines of both sides of a stroke, but each only one pixel wide
      expect(edges).toBeLessThan(2.5 * strokes);
    }
    expect(notBinary).toBe(0);
    expect(stray).toBe(0);
  });
});
