/**
 * Image sets uploaded to the device once per run; batches are gathered there by index so no
 * image crosses the bus again while training.
 */
import * as tf from '@tensorflow/tfjs';
import { PIXELS_RGB, type RgbSet } from './targetData';

export interface DeviceSet {
  count: number;
  /** [N, 28, 28, 3] float32 in [0, 1] */
  x: tf.Tensor4D;
  /** [N] int32 */
  y: tf.Tensor1D;
  /** [N, C] float32 */
  yOneHot: tf.Tensor2D;
  /** labels kept on the CPU too, for confusion matrices and galleries */
  labels: Uint8Array;
}

export function uploadSet(set: RgbSet, numClasses: number): DeviceSet {
  const scaled = new Float32Array(set.count * PIXELS_RGB);
  for (let i = 0; i < scaled.length; i++) scaled[i] = set.pixels[i] / 255;
  const x = tf.tensor4d(scaled, [set.count, 28, 28, 3]);
  const y = tf.tensor1d(Int32Array.from(set.labels), 'int32');
  const yOneHot = tf.tidy(() => tf.oneHot(y, numClasses).toFloat() as tf.Tensor2D);
  return { count: set.count, x, y, yOneHot, labels: set.labels };
}

export function disposeSet(set: DeviceSet): void {
  set.x.dispose();
  set.y.dispose();
  set.yOneHot.dispose();
}

/** Splits 0..count-1 into consecutive chunks of at most `size` (for batched inference). */
export function chunks(count: number, size: number): { start: number; size: number }[] {
  const out = [];
  for (let start = 0; start < count; start += size) out.push({ start, size: Math.min(size, count - start) });
  return out;
}
