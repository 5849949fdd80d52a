/**
 * Which model inputs the page can feed, and how: our images are 28×28×3 RGB in [0, 1]; a model may
 * take another image size, grey images, or a flattened square image.
 */
import { ModelProblem } from './problem';
import type { InputAdaptation } from './types';

export const DATA_SIZE = 28;
/** sides beyond these are not images the 28×28 data can sensibly be resized to */
export const MIN_SIDE = 8;
export const MAX_SIDE = 256;

function shapeText(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d == null ? 'null' : d)).join(', ')}]`;
}

function checkSide(shape: readonly (number | null)[], side: number): void {
  if (side < MIN_SIDE || side > MAX_SIDE) {
    throw new ModelProblem('input-shape',
      `the input ${shapeText(shape)} is a ${side}-pixel image; the page resizes its 28×28 images to sides from ${MIN_SIDE} to ${MAX_SIDE} pixels`);
  }
}

function steps(height: number, width: number, channels: 1 | 3, layout: InputAdaptation['layout']): string[] {
  const out: string[] = [];
  if (channels === 1) out.push('RGB → grey (mean of the 3 channels)');
  if (height !== DATA_SIZE || width !== DATA_SIZE) out.push(`resize 28×28 → ${height}×${width} (bilinear)`);
  if (layout === 'flat') out.push(`flatten to ${height * width * channels} values`);
  if (layout === 'grey2d') out.push('drop the channel axis');
  return out;
}

/** The adaptation for a model input shape (batch axis included), or a problem saying why none fits. */
export function describeInput(shape: readonly (number | null)[]): InputAdaptation {
  const dims = shape.slice(1);
  const adaptation = (layout: InputAdaptation['layout'], height: number, width: number, channels: 1 | 3): InputAdaptation => ({
    modelShape: dims.map((d) => d ?? DATA_SIZE), layout, height, width, channels, steps: steps(height, width, channels, layout),
  });
  if (dims.length === 3) {
    const [h, w, c] = dims;
    if (c !== 1 && c !== 3) {
      throw new ModelProblem('input-shape', `the input ${shapeText(shape)} has ${c ?? 'a variable number of'} channels; the page feeds RGB (3) or grey (1) images`);
    }
    // a fully convolutional model takes any size: give it the data's own
    const height = h ?? DATA_SIZE;
    const width = w ?? DATA_SIZE;
    checkSide(shape, height);
    checkSide(shape, width);
    return adaptation('image', height, width, c);
  }
  if (dims.length === 2) {
    const [h, w] = dims;
    if (h != null && h === w) {
      checkSide(shape, h);
      return adaptation('grey2d', h, h, 1);
    }
    throw new ModelProblem('input-rank',
      `the input ${shapeText(shape)} has rank 3 but is not a square grey image: expected an image [null, H, W, C] with C = 1 or 3, ` +
      'a square grey image [null, H, H], or a flattened square image [null, H·H·C]');
  }
  if (dims.length === 1 && dims[0] != null) {
    const d = dims[0];
    for (const channels of [1, 3] as const) {
      const side = Math.round(Math.sqrt(d / channels));
      if (side * side * channels === d) {
        checkSide(shape, side);
        return adaptation('flat', side, side, channels);
      }
    }
    throw new ModelProblem('input-rank',
      `the input ${shapeText(shape)} takes ${d} values, which is not a flattened square image (H·H·C with C = 1 or 3, e.g. 784 = 28·28·1)`);
  }
  throw new ModelProblem('input-rank',
    `the input ${shapeText(shape)} has rank ${shape.length}; the page feeds images [null, H, W, C] (C = 1 or 3), square grey images [null, H, H] or flattened square images [null, D]`);
}
