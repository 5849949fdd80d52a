/**
 * Pixel helpers shared by every shift. Images are 28×28 RGB, channels last.
 * Writing a float into a Uint8ClampedArray rounds and clamps to 0..255, so results are stored
 * straight from float accumulators. Scratch buffers live at module level: shifts run synchronously
 * (one image at a time per worker), and thousands of images must not cost thousands of allocations.
 */
import { RGB_IMAGE_BYTES, SHIFT_CHANNELS, SHIFT_IMAGE_SIZE, type RgbImage } from './types';

export const W = SHIFT_IMAGE_SIZE;
export const H = SHIFT_IMAGE_SIZE;
export const C = SHIFT_CHANNELS;
export const PIXELS = W * H;
/** Geometric transforms pivot on the middle of the frame, between the two central pixels. */
export const CENTRE = (SHIFT_IMAGE_SIZE - 1) / 2;

export function newImage(): RgbImage {
  return new Uint8ClampedArray(RGB_IMAGE_BYTES);
}

/** One float per pixel (a mask, a noise field, luminance). */
export function newPlane(): Float32Array {
  return new Float32Array(PIXELS);
}

/** One float per byte of an RGB image. */
export function newRgbFloat(): Float32Array {
  return new Float32Array(RGB_IMAGE_BYTES);
}

/** Copy a float buffer into a fresh image (rounded and clamped). */
export function imageFromFloat(values: Float32Array): RgbImage {
  const out = newImage();
  out.set(values);
  return out;
}

/**
 * Adds weight · src warped by an affine map into acc (RGB floats). The map is given as the inverse
 * (destination pixel → source position) `sx = a·x + b·y + e`, `sy = c·x + d·y + f`, because
 * pulling every destination pixel from the source leaves no holes.
 */
export function warpAccumulate(
  src: RgbImage, acc: Float32Array, a: number, b: number, c: number, d: number, e: number, f: number, weight = 1,
): void {
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sx = a * x + b * y + e;
      const sy = c * x + d * y + f;
      if (sx <= -1 || sy <= -1 || sx >= W || sy >= H) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const o = (y * W + x) * C;
      // four neighbour weights, each zeroed when that neighbour is off the frame
      const inX0 = x0 >= 0, inX1 = x0 + 1 < W, inY0 = y0 >= 0, inY1 = y0 + 1 < H;
      const w00 = inX0 && inY0 ? (1 - fx) * (1 - fy) * weight : 0;
      const w10 = inX1 && inY0 ? fx * (1 - fy) * weight : 0;
      const w01 = inX0 && inY1 ? (1 - fx) * fy * weight : 0;
      const w11 = inX1 && inY1 ? fx * fy * weight : 0;
      const i00 = (y0 * W + x0) * C;
      const i10 = i00 + C;
      const i01 = i00 + W * C;
      const i11 = i01 + C;
      for (let ch = 0; ch < C; ch++) {
        let v = 0;
        if (w00 !== 0) v += w00 * src[i00 + ch];
        if (w10 !== 0) v += w10 * src[i10 + ch];
        if (w01 !== 0) v += w01 * src[i01 + ch];
        if (w11 !== 0) v += w11 * src[i11 + ch];
        acc[o + ch] += v;
      }
    }
  }
}

const warpScratch = newRgbFloat();

/**
 * Forward affine transform about the frame centre: a point p moves to M·(p − centre) + centre + t,
 * with M = [[m00, m01], [m10, m11]]. Uncovered area becomes black.
 */
export function warpAffine(
  src: RgbImage, m00: number, m01: number, m10: number, m11: number, tx = 0, ty = 0,
): RgbImage {
  const det = m00 * m11 - m01 * m10;
  if (Math.abs(det) < 1e-12) throw new Error('warpAffine: singular matrix');
  // inverse: p = M⁻¹·(p' − centre − t) + centre
  const a = m11 / det, b = -m01 / det, c = -m10 / det, d = m00 / det;
  const ox = CENTRE + tx, oy = CENTRE + ty;
  const e = CENTRE - (a * ox + b * oy);
  const f = CENTRE - (c * ox + d * oy);
  warpScratch.fill(0);
  warpAccumulate(src, warpScratch, a, b, c, d, e, f);
  return imageFromFloat(warpScratch);
}

/** Shift by whole pixels: an exact copy, no interpolation blur. */
export function translateInteger(src: RgbImage, dx: number, dy: number): RgbImage {
  const out = newImage();
  const x0 = Math.max(0, dx), x1 = Math.min(W, W + dx);
  if (x1 <= x0) return out;
  for (let y = Math.max(0, dy); y < Math.min(H, H + dy); y++) {
    const from = ((y - dy) * W + (x0 - dx)) * C;
    out.set(src.subarray(from, from + (x1 - x0) * C), (y * W + x0) * C);
  }
  return out;
}

const kernelCache = new Map<number, Float32Array>();

/** Normalised 1-D gaussian, radius ⌈3σ⌉ (beyond that the weights are under 1 %). */
export function gaussianKernel(sigma: number): Float32Array {
  const cached = kernelCache.get(sigma);
  if (cached) return cached;
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const w = Math.exp(-(i * i) / (2 * sigma * sigma));
    k[i + radius] = w;
    sum += w;
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  kernelCache.set(sigma, k);
  return k;
}

/**
 * Separable convolution of an interleaved W×H image with `channels` channels (1 or 3), with
 * edge pixels repeated so a coloured background does not darken at the border.
 * `tmp` must be as long as `input`; `output` may be `input`.
 */
export function convolveSeparable(
  input: Float32Array, output: Float32Array, tmp: Float32Array, channels: number, kernel: Float32Array,
): void {
  const r = (kernel.length - 1) >> 1;
  const rowStride = W * channels;
  for (let y = 0; y < H; y++) {
    const row = y * rowStride;
    for (let x = 0; x < W; x++) {
      for (let ch = 0; ch < channels; ch++) {
        let s = 0;
        for (let k = -r; k <= r; k++) {
          const xx = x + k < 0 ? 0 : x + k >= W ? W - 1 : x + k;
          s += kernel[k + r] * input[row + xx * channels + ch];
        }
        tmp[row + x * channels + ch] = s;
      }
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      for (let ch = 0; ch < channels; ch++) {
        let s = 0;
        for (let k = -r; k <= r; k++) {
          const yy = y + k < 0 ? 0 : y + k >= H ? H - 1 : y + k;
          s += kernel[k + r] * tmp[yy * rowStride + x * channels + ch];
        }
        output[y * rowStride + x * channels + ch] = s;
      }
    }
  }
}

const blurIn = newRgbFloat();
const blurTmp = newRgbFloat();

export function gaussianBlurRgb(src: RgbImage, sigma: number): RgbImage {
  blurIn.set(src);
  convolveSeparable(blurIn, blurIn, blurTmp, C, gaussianKernel(sigma));
  return imageFromFloat(blurIn);
}

/** Sobel gradients of a single-channel plane (edges repeated); unnormalised, as in most edge detectors. */
export function sobel(plane: Float32Array, gx: Float32Array, gy: Float32Array): void {
  for (let y = 0; y < H; y++) {
    const ym = y > 0 ? y - 1 : 0, yp = y < H - 1 ? y + 1 : H - 1;
    for (let x = 0; x < W; x++) {
      const xm = x > 0 ? x - 1 : 0, xp = x < W - 1 ? x + 1 : W - 1;
      const tl = plane[ym * W + xm], tc = plane[ym * W + x], tr = plane[ym * W + xp];
      const ml = plane[y * W + xm], mr = plane[y * W + xp];
      const bl = plane[yp * W + xm], bc = plane[yp * W + x], br = plane[yp * W + xp];
      gx[y * W + x] = (tr + 2 * mr + br) - (tl + 2 * ml + bl);
      gy[y * W + x] = (bl + 2 * bc + br) - (tl + 2 * tc + tr);
    }
  }
}

/** Per-pixel brightness as the mean of the channels (= the grey value for grey images). */
export function luminance(src: RgbImage, out: Float32Array): void {
  for (let p = 0, i = 0; p < PIXELS; p++, i += C) out[p] = (src[i] + src[i + 1] + src[i + 2]) / 3;
}

/** out = src · gain[c] + offset[c] per channel: inversion, contrast, brightness and tint are all this. */
export function linearMap(src: RgbImage, gain: ArrayLike<number>, offset: ArrayLike<number>): RgbImage {
  const out = newImage();
  for (let i = 0; i < RGB_IMAGE_BYTES; i += C) {
    out[i] = src[i] * gain[0] + offset[0];
    out[i + 1] = src[i + 1] * gain[1] + offset[1];
    out[i + 2] = src[i + 2] * gain[2] + offset[2];
  }
  return out;
}

/** out = src · srcGain + plane[pixel] · planeGain, the same plane value on all channels (keeps grey grey). */
export function addPlane(src: RgbImage, plane: Float32Array, srcGain: number, planeGain: number): RgbImage {
  const out = newImage();
  for (let p = 0, i = 0; p < PIXELS; p++, i += C) {
    const add = plane[p] * planeGain;
    out[i] = src[i] * srcGain + add;
    out[i + 1] = src[i + 1] * srcGain + add;
    out[i + 2] = src[i + 2] * srcGain + add;
  }
  return out;
}

/** Invert (v → 255 − v) every channel inside the rectangle [x0, x1) × [y0, y1). */
export function invertRect(img: RgbImage, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = Math.max(0, y0); y < Math.min(H, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(W, x1); x++) {
      const i = (y * W + x) * C;
      img[i] = 255 - img[i];
      img[i + 1] = 255 - img[i + 1];
      img[i + 2] = 255 - img[i + 2];
    }
  }
}

/**
 * Paints an anti-aliased segment of the given half-width, blending each pixel toward `rgb` by its
 * coverage (1 inside the stroke, fading to 0 over one pixel), so lines look like pen strokes
 * rather than staircase pixels.
 */
export function drawSegment(
  img: RgbImage, x0: number, y0: number, x1: number, y1: number, halfWidth: number, rgb: ArrayLike<number>,
): void {
  const reach = halfWidth + 1;
  const minX = Math.max(0, Math.floor(Math.min(x0, x1) - reach));
  const maxX = Math.min(W - 1, Math.ceil(Math.max(x0, x1) + reach));
  const minY = Math.max(0, Math.floor(Math.min(y0, y1) - reach));
  const maxY = Math.min(H - 1, Math.ceil(Math.max(y0, y1) + reach));
  const dx = x1 - x0, dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      // distance from the pixel centre to the closest point of the segment
      let t = len2 > 0 ? ((x - x0) * dx + (y - y0) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = x0 + t * dx - x, ey = y0 + t * dy - y;
      const dist = Math.sqrt(ex * ex + ey * ey);
      const cover = halfWidth + 0.5 - dist;
      if (cover <= 0) continue;
      const a = cover >= 1 ? 1 : cover;
      const i = (y * W + x) * C;
      img[i] += a * (rgb[0] - img[i]);
      img[i + 1] += a * (rgb[1] - img[i + 1]);
      img[i + 2] += a * (rgb[2] - img[i + 2]);
    }
  }
}

/**
 * End points of the chord through (cx, cy) at `angle` clipped to the frame (pixel centres span
 * 0..W−1), so a line can cross the whole image whatever its direction.
 */
export function chordThrough(cx: number, cy: number, angle: number): [number, number, number, number] {
  const ux = Math.cos(angle), uy = Math.sin(angle);
  let tMin = -Infinity, tMax = Infinity;
  const clip = (p: number, u: number, hi: number) => {
    if (Math.abs(u) < 1e-9) return;
    const ta = (0 - p) / u, tb = (hi - p) / u;
    tMin = Math.max(tMin, Math.min(ta, tb));
    tMax = Math.min(tMax, Math.max(ta, tb));
  };
  clip(cx, ux, W - 1);
  clip(cy, uy, H - 1);
  return [cx + tMin * ux, cy + tMin * uy, cx + tMax * ux, cy + tMax * uy];
}

/** Fully saturated colour for a hue in degrees, channels in 0..1. */
export function hueToRgb(hueDeg: number, out: Float32Array | number[]): void {
  const h = (((hueDeg % 360) + 360) % 360) / 60;
  const x = 1 - Math.abs((h % 2) - 1);
  const sector = Math.floor(h);
  const r = [1, x, 0, 0, x, 1][sector];
  const g = [x, 1, 1, x, 0, 0][sector];
  const b = [0, 0, x, 1, 1, x][sector];
  out[0] = r; out[1] = g; out[2] = b;
}

export function randomSign(rng: { next(): number }): 1 | -1 {
  return rng.next() < 0.5 ? -1 : 1;
}
