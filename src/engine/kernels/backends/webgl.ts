/**
 * Running a fused kernel's GLSL program on TF.js's webgl backend. Inputs are read through flat [n]
 * views made with the backend's own Reshape kernel function (free for unpacked textures, a repack
 * for packed ones, and no engine-level kernel either way); the flat output is given the caller's
 * shape. Hyper-parameters are uniforms.
 */
import * as tf from '@tensorflow/tfjs-core';
import { size, type KernelArgs } from '../args';

interface WebGlBackendLike {
  runWebGLProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: number[][]): tf.TensorInfo;
  disposeIntermediateTensorInfo(t: tf.TensorInfo): void;
}
export type UniformDecl = { name: string; type: 'float' | 'int' };

/** A program over a flat output of `outputSize` elements; `body` is the inside of main(). */
function program(variableNames: string[], outputSize: number, customUniforms: UniformDecl[], body: string) {
  return { variableNames, outputShape: [outputSize], customUniforms, userCode: `void main() {\n${body}\n}` };
}

/** Runs `p` on flat views of `inputs` and returns its output with `shape`. */
function run(args: KernelArgs, p: object, inputs: tf.TensorInfo[], uniforms: number[][], shape: number[]): tf.TensorInfo {
  const backend = args.backend as unknown as WebGlBackendLike;
  const reshape = tf.getKernel('Reshape', 'webgl')!.kernelFunc;
  const views = inputs.map((t) => reshape({ inputs: { x: t }, backend: args.backend, attrs: { shape: [size(t)] } }) as tf.TensorInfo);
  try {
    const out = backend.runWebGLProgram(p, views, 'float32', uniforms);
    if (tf.util.arraysEqual(shape, out.shape)) return out;
    const shaped = reshape({ inputs: { x: out }, backend: args.backend, attrs: { shape } }) as tf.TensorInfo;
    backend.disposeIntermediateTensorInfo(out);
    return shaped;
  } finally {
    views.forEach((v) => backend.disposeIntermediateTensorInfo(v));
  }
}

export const webglHelpers = {
  program,
  run,
  float: (name: string): UniformDecl => ({ name, type: 'float' }),
  int: (name: string): UniformDecl => ({ name, type: 'int' }),
};
export type WebGlHelpers = typeof webglHelpers;
