/** A kernel function's arguments, read by name: what every backend implementation of a fused kernel needs. */
import * as tf from '@tensorflow/tfjs-core';

export type KernelArgs = Parameters<tf.KernelFunc>[0];

export const input = (args: KernelArgs, name: string) => args.inputs[name] as tf.TensorInfo;
export const attrs = <T>(args: KernelArgs) => args.attrs as unknown as T;
export const size = (t: tf.TensorInfo) => tf.util.sizeFromShape(t.shape);
