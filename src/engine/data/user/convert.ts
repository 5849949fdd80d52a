/**
 * Any picture → what the zoo's networks read: 28×28 grey with light ink on a dark ground, as MNIST
 * digits are. The page decodes a file, a webcam frame or the drawing pad to RGBA pixels; this
 * does the rest, in plain arrays, so Node tests check it on real pixels:
 * 1. grey = 0.299 R + 0.587 G + 0.114 B, transparent pixels over white (a PNG drawn on nothing);
 * 2. the whole picture, not a crop, fitted into a square (the short side padded with the mean of
 *    the picture's border, so the padding looks like the background);
 * 3. an area-average down to 28×28;
 * 4. inverted when the border of the result is lighter than mid-grey (dark ink on light paper or a
 *    light pad becomes MNIST's light ink on dark).
 */
import { USER_IMAGE_PIXELS, USER_IMAGE_SIDE } from './userDataset';

export interface RgbaImage {
  width: number;
  height: number;
  /** width · height · 4 bytes, RGBA, row-major */
  data: Uint8Array | Uint8ClampedArray;
}

export function greyOf(img: RgbaImage): Float32Array {
  const { width, height, data } = img;
  if (data.length !== width * height * 4) throw new Error(`image: ${data.length} bytes for ${width}×${height} RGBA`);
  const out = new Float32Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    const a = data[j + 3] / 255;
    const y = 0.299 * data[j] + 0.587 * data[j + 1] + 0.114 * data[j + 2];
    out[i] = a * y + (1 - a) * 255;
  }
  return out;
}

function borderMean(grey: ArrayLike<number>, width: number, height: number): number {
  let sum = 0;
  let n = 0;
  for (let x = 0; x < width; x++) { sum += grey[x] + grey[(height - 1) * width + x]; n += 2; }
  for (let y = 1; y < height - 1; y++) { sum += grey[y * width] + grey[y * width + width - 1]; n += 2; }
  return n ? sum / n : 0;
}

/** Area-average of the picture, fitted whole into a side×side square. */
export function fitSquare(grey: Float32Array, width: number, height: number, side = USER_IMAGE_SIDE): Float32Array {
  const square = Math.max(width, height);
  const ox = (square - width) / 2;
  const oy = (square - height) / 2;
  const pad = borderMean(grey, width, height);
  const scale = square / side;
  const out = new Float32Array(side * side);
  for (let y = 0; y < side; y++) {
    const y0 = y * scale; const y1 = (y + 1) * scale;
    for (let x = 0; x < side; x++) {
      const x0 = x * scale; const x1 = (x + 1) * scale;
      let sum = 0;
      // each source pixel weighted by how much of it the output pixel covers
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        const iy = sy - oy;
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const wx = Math.min(x1, sx + 1) - Math.max(x0, sx);
          const ix = sx - ox;
          const inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
          sum += wx * wy * (inside ? grey[Math.floor(iy) * width + Math.floor(ix)] : pad);
        }
      }
      out[y * side + x] = sum / (scale * scale);
    }
  }
  return out;
}

/** The 784 bytes the network sees for one picture. */
export function toNetworkImage(img: RgbaImage): Uint8Array {
  if (img.width < 1 || img.height < 1) throw new Error('image has no pixels');
  const small = fitSquare(greyOf(img), img.width, img.height);
  const invert = borderMean(small, USER_IMAGE_SIDE, USER_IMAGE_SIDE) > 127.5;
  const out = new Uint8Array(USER_IMAGE_PIXELS);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(invert ? 255 - small[i] : small[i]);
  return out;
}
