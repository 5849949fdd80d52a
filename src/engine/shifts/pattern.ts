/**
 * Pattern shifts from MNIST-C: structure drawn over the digit (stripes, zigzags, dotted lines) or a
 * different rendering of it (an edge map). MNIST-C has one level for these; severity here adds
 * more of the pattern, ending near (stripe) or beyond (zigzag, dotted line) MNIST-C's version.
 */
import type { Rng } from '../rng';
import {
  C, H, PIXELS, W, chordThrough, convolveSeparable, drawSegment, gaussianKernel, invertRect, luminance,
  newImage, newPlane, sobel,
} from './imageOps';
import { RGB_IMAGE_BYTES, atSeverity, type SeverityTable, type ShiftDefinition } from './types';

/** Width in pixels of the inverted band at the left and at the right edge (MNIST-C: 7). */
export const STRIPE_WIDTH: SeverityTable<number> = [2, 3, 4, 5, 7];
/** Number of zigzag lines and their amplitude in pixels (MNIST-C: one line, amplitude 2). */
export const ZIGZAG_COUNT: SeverityTable<number> = [1, 1, 2, 2, 3];
export const ZIGZAG_AMPLITUDE: SeverityTable<number> = [1.5, 2, 2, 2.5, 2.5];
/** Number of dotted lines across the image (MNIST-C: one). */
export const DOTTED_LINE_COUNT: SeverityTable<number> = [1, 2, 3, 4, 5];
/** Weight of the edge map against the original: 1 is the pure edge map (MNIST-C). */
export const CANNY_BLEND: SeverityTable<number> = [0.2, 0.4, 0.6, 0.8, 1.0];

const WHITE = [255, 255, 255];
const LINE_HALF_WIDTH = 0.6; // ≈ 1.7 px strokes: clearly lines, thinner than a pen stroke
const ZIGZAG_HALF_PERIOD = 2; // px between a tooth's tip and the next (MNIST-C)
const DASH = 1; // px of segment per dash (≈ 2 px drawn with the soft edge)
const DASH_PERIOD = 4;

export const stripe: ShiftDefinition = {
  id: 'stripe',
  label: 'Stripe',
  group: 'pattern',
  description: 'Inverts a vertical band at the left and right edges, 2 pixels wide at severity 1 up to 7 pixels at severity 5, cutting into the digit.',
  stochastic: false,
  apply(src, severity) {
    const w = atSeverity(STRIPE_WIDTH, severity);
    const out = new Uint8ClampedArray(src);
    invertRect(out, 0, 0, w, H);
    invertRect(out, W - w, 0, W, H);
    return out;
  },
};

/** A line through a random point in the middle of the frame, in a random direction, edge to edge. */
function randomChord(rng: Rng): [number, number, number, number] {
  return chordThrough(rng.uniform(5, W - 6), rng.uniform(5, H - 6), rng.uniform(0, Math.PI));
}

export const zigzag: ShiftDefinition = {
  id: 'zigzag',
  label: 'Zigzag',
  group: 'pattern',
  description: 'Draws white zigzag lines across the image: one at severity 1, three with larger teeth at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const out = new Uint8ClampedArray(src);
    const amp = atSeverity(ZIGZAG_AMPLITUDE, severity);
    for (let n = atSeverity(ZIGZAG_COUNT, severity); n > 0; n--) {
      const [x0, y0, x1, y1] = randomChord(rng);
      const len = Math.hypot(x1 - x0, y1 - y0);
      const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
      // teeth alternate to either side of the chord, along its normal (−uy, ux)
      let px = x0, py = y0;
      for (let s = ZIGZAG_HALF_PERIOD, i = 0; s <= len; s += ZIGZAG_HALF_PERIOD, i++) {
        const side = i % 2 === 0 ? amp : -amp;
        const qx = x0 + s * ux - side * uy, qy = y0 + s * uy + side * ux;
        drawSegment(out, px, py, qx, qy, LINE_HALF_WIDTH, WHITE);
        px = qx; py = qy;
      }
    }
    return out;
  },
};

export const dottedLine: ShiftDefinition = {
  id: 'dotted-line',
  label: 'Dotted line',
  group: 'pattern',
  description: 'Draws white dashed lines right across the image in random directions: one at severity 1, five at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const out = new Uint8ClampedArray(src);
    for (let n = atSeverity(DOTTED_LINE_COUNT, severity); n > 0; n--) {
      const [x0, y0, x1, y1] = randomChord(rng);
      const len = Math.hypot(x1 - x0, y1 - y0);
      const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
      const phase = rng.uniform(0, DASH_PERIOD); // dashes do not all start at the frame edge
      for (let s = phase - DASH_PERIOD; s < len; s += DASH_PERIOD) {
        const a = Math.max(0, s), b = Math.min(len, s + DASH);
        if (b <= a) continue;
        drawSegment(out, x0 + a * ux, y0 + a * uy, x0 + b * ux, y0 + b * uy, LINE_HALF_WIDTH, WHITE);
      }
    }
    return out;
  },
};

/** Smoothing before the gradients, as skimage's canny default. */
const CANNY_SIGMA = 1;
/** Hysteresis thresholds as fractions of the image's strongest gradient, so faint digits still get edges. */
const CANNY_HIGH = 0.2;
const CANNY_LOW = 0.1;

const lum = newPlane();
const lumTmp = newPlane();
const gx = newPlane();
const gy = newPlane();
const mag = newPlane();
const thin = newPlane();
const edges = new Uint8Array(PIXELS);
const stack = new Int32Array(PIXELS);

/**
 * Canny edge map into `edges` (1 = edge): smooth, Sobel gradients, keep only local maxima across the
 * edge (thin lines), then keep weak maxima only where they connect to strong ones (no speckle).
 */
function cannyEdges(src: Uint8ClampedArray): Uint8Array {
  luminance(src, lum);
  convolveSeparable(lum, lum, lumTmp, 1, gaussianKernel(CANNY_SIGMA));
  sobel(lum, gx, gy);
  let maxMag = 0;
  for (let p = 0; p < PIXELS; p++) {
    mag[p] = Math.hypot(gx[p], gy[p]);
    if (mag[p] > maxMag) maxMag = mag[p];
  }
  thin.fill(0);
  edges.fill(0);
  if (maxMag === 0) return edges;
  // non-maximum suppression with the gradient direction rounded to 0°, 45°, 90° or 135°
  const tan22 = Math.tan(Math.PI / 8), tan67 = Math.tan((3 * Math.PI) / 8);
  for (let y = 1; y < H - 1; y++) {
    for (let x = 1; x < W - 1; x++) {
      const p = y * W + x;
      const m = mag[p];
      if (m === 0) continue;
      const ax = Math.abs(gx[p]), ay = Math.abs(gy[p]);
      let step: number; // index offset to the neighbour along the gradient
      if (ay <= tan22 * ax) step = 1;
      else if (ay >= tan67 * ax) step = W;
      else step = gx[p] * gy[p] > 0 ? W + 1 : W - 1;
      if (m >= mag[p + step] && m >= mag[p - step]) thin[p] = m;
    }
  }
  const high = CANNY_HIGH * maxMag, low = CANNY_LOW * maxMag;
  let top = 0;
  for (let p = 0; p < PIXELS; p++) {
    if (thin[p] >= high) { edges[p] = 1; stack[top++] = p; }
  }
  while (top > 0) {
    const p = stack[--top];
    const x = p % W, y = (p - x) / W;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx, yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
        const q = yy * W + xx;
        if (edges[q] === 0 && thin[q] >= low) { edges[q] = 1; stack[top++] = q; }
      }
    }
  }
  return edges;
}

export const cannyEdgesShift: ShiftDefinition = {
  id: 'canny-edges',
  label: 'Canny edges',
  group: 'pattern',
  description: 'Replaces the filled strokes by their thin outlines (a Canny edge map): a faint outline blend at severity 1, the pure edge map at severity 5.',
  stochastic: false,
  apply(src, severity) {
    const a = atSeverity(CANNY_BLEND, severity);
    const e = cannyEdges(src);
    const out = newImage();
    for (let p = 0, i = 0; i < RGB_IMAGE_BYTES; p++, i += C) {
      const target = e[p] * 255;
      out[i] = src[i] + a * (target - src[i]);
      out[i + 1] = src[i + 1] + a * (target - src[i + 1]);
      out[i + 2] = src[i + 2] + a * (target - src[i + 2]);
    }
    return out;
  },
};

export const PATTERN_SHIFTS = [stripe, zigzag, dottedLine, cannyEdgesShift];
