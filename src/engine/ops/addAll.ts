/**
 * Sum of many tensors as a tree of two-input adds. Not tf.addN: TF.js's WebGPU AddN binds one
 * storage buffer per input in a single shader, and past the device limit (often 8) the pipeline is
 * invalid — WebGPU reports that asynchronously, so the result is silently garbage.
 */
import * as tf from '@tensorflow/tfjs';

export function addAll<T extends tf.Tensor>(tensors: T[]): T {
  if (tensors.length === 0) throw new Error('addAll of no tensors');
  let level: tf.Tensor[] = tensors;
  while (level.length > 1) {
    const next: tf.Tensor[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? tf.add(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  return level[0] as T;
}
