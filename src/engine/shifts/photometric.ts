/**
 * Photometric shifts: the pixels stay where they are, their values change. All act on the three
 * channels alike, so a grey image stays grey.
 */
import type { Rng } from '../rng';
import { C, H, PIXELS, W, addPlane, linearMap, newPlane } from './imageOps';
import { RGB_IMAGE_BYTES, atSeverity, type SeverityTable, type ShiftDefinition } from './types';

/**
 * How far toward the negative: out = (1 − a)·v + a·(255 − v). Severity 5 is the exact negative.
 * The blend starts at 0.6, not near 0, because at a = 0.5 every pixel becomes mid-grey.
 */
export const INVERSION_AMOUNT: SeverityTable<number> = [0.6, 0.7, 0.8, 0.9, 1.0];
/** Factor applied to each value's distance from the image mean (MNIST-C goes to 0.05, nearly blank). */
export const CONTRAST_FACTOR: SeverityTable<number> = [0.6, 0.45, 0.32, 0.22, 0.14];
/** Brightness added, as a fraction of full scale (MNIST-C). */
export const BRIGHTNESS_OFFSET: SeverityTable<number> = [0.1, 0.2, 0.3, 0.4, 0.5];
/** Fog: strength of the fog against the image (MNIST-C uses 1.5–3 over a much larger, smoother map)
 *  and how fast the fractal's roughness decays per octave (lower: patchier fog). */
export const FOG_STRENGTH: SeverityTable<number> = [0.4, 0.7, 1.0, 1.5, 2.0];
export const FOG_DECAY: SeverityTable<number> = [2.0, 2.0, 1.8, 1.7, 1.6];

export const inversion: ShiftDefinition = {
  id: 'inversion',
  label: 'Inversion',
  group: 'photometric',
  description: 'Turns the image toward its photographic negative: a faded negative at severity 1, the exact negative (dark strokes on white) at severity 5.',
  stochastic: false,
  apply(src, severity) {
    const a = atSeverity(INVERSION_AMOUNT, severity);
    const gain = 1 - 2 * a, offset = 255 * a;
    return linearMap(src, [gain, gain, gain], [offset, offset, offset]);
  },
};

export const contrast: ShiftDefinition = {
  id: 'contrast',
  label: 'Contrast',
  group: 'photometric',
  description: 'Pulls every pixel toward the image mean, keeping 60 % of the contrast at severity 1 down to 14 % at severity 5.',
  stochastic: false,
  apply(src, severity) {
    const f = atSeverity(CONTRAST_FACTOR, severity);
    const mean = [0, 0, 0];
    for (let i = 0; i < RGB_IMAGE_BYTES; i += C) {
      mean[0] += src[i]; mean[1] += src[i + 1]; mean[2] += src[i + 2];
    }
    const offset = mean.map((m) => (m / PIXELS) * (1 - f));
    return linearMap(src, [f, f, f], offset);
  },
};

export const brightness: ShiftDefinition = {
  id: 'brightness',
  label: 'Brightness',
  group: 'photometric',
  description: 'Brightens every pixel by 10 % of full scale at severity 1 up to 50 % at severity 5, lifting the black background to grey.',
  stochastic: false,
  apply(src, severity) {
    const b = atSeverity(BRIGHTNESS_OFFSET, severity) * 255;
    return linearMap(src, [1, 1, 1], [b, b, b]);
  },
};

const PLASMA_SIZE = 32; // a power of two just above the image side
const PLASMA_SIDE = PLASMA_SIZE + 1;
const plasmaGrid = new Float32Array(PLASMA_SIDE * PLASMA_SIDE);
const fogPlane = newPlane();

/**
 * Diamond-square fractal: each halving of the grid step fills midpoints with the mean of their
 * neighbours plus noise whose amplitude shrinks by `decay`, giving cloud-like detail at every scale.
 */
function plasmaFractal(rng: Rng, decay: number): Float32Array {
  const g = plasmaGrid;
  const at = (x: number, y: number) => y * PLASMA_SIDE + x;
  let amp = 1;
  g[at(0, 0)] = rng.uniform(-amp, amp);
  g[at(PLASMA_SIZE, 0)] = rng.uniform(-amp, amp);
  g[at(0, PLASMA_SIZE)] = rng.uniform(-amp, amp);
  g[at(PLASMA_SIZE, PLASMA_SIZE)] = rng.uniform(-amp, amp);
  for (let step = PLASMA_SIZE; step > 1; step >>= 1) {
    const half = step >> 1;
    // square step: centres of squares
    for (let y = half; y < PLASMA_SIDE; y += step) {
      for (let x = half; x < PLASMA_SIDE; x += step) {
        const m = (g[at(x - half, y - half)] + g[at(x + half, y - half)] + g[at(x - half, y + half)] + g[at(x + half, y + half)]) / 4;
        g[at(x, y)] = m + rng.uniform(-amp, amp);
      }
    }
    // diamond step: edge midpoints, from whichever of their four neighbours lie on the grid
    for (let y = 0; y < PLASMA_SIDE; y += half) {
      for (let x = (y / half) % 2 === 0 ? half : 0; x < PLASMA_SIDE; x += step) {
        let sum = 0, n = 0;
        if (x >= half) { sum += g[at(x - half, y)]; n++; }
        if (x + half < PLASMA_SIDE) { sum += g[at(x + half, y)]; n++; }
        if (y >= half) { sum += g[at(x, y - half)]; n++; }
        if (y + half < PLASMA_SIDE) { sum += g[at(x, y + half)]; n++; }
        g[at(x, y)] = sum / n + rng.uniform(-amp, amp);
      }
    }
    amp /= decay;
  }
  // a random 28×28 window, stretched to 0..1 so every image gets fog across its full range
  const ox = rng.int(0, PLASMA_SIDE - W), oy = rng.int(0, PLASMA_SIDE - H);
  let lo = Infinity, hi = -Infinity;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = g[at(x + ox, y + oy)];
      fogPlane[y * W + x] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const span = hi - lo > 1e-9 ? hi - lo : 1;
  for (let p = 0; p < PIXELS; p++) fogPlane[p] = (fogPlane[p] - lo) / span;
  return fogPlane;
}

export const fog: ShiftDefinition = {
  id: 'fog',
  label: 'Fog',
  group: 'photometric',
  description: 'Lays cloudy fractal fog over the image and dims the digit to keep the range, from light haze at severity 1 to thick fog at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const strength = atSeverity(FOG_STRENGTH, severity);
    const plane = plasmaFractal(rng, atSeverity(FOG_DECAY, severity));
    let maxVal = 0;
    for (let i = 0; i < RGB_IMAGE_BYTES; i++) if (src[i] > maxVal) maxVal = src[i];
    // as MNIST-C: (x + s·fog) · max/(max + s), so the brightest result stays at the image's maximum
    const fogMax = strength * 255;
    const norm = maxVal > 0 ? maxVal / (maxVal + fogMax) : 1 / (1 + strength);
    return addPlane(src, plane, norm, fogMax * norm);
  },
};

export const PHOTOMETRIC_SHIFTS = [inversion, contrast, brightness, fog];
