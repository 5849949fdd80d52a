/**
 * Running a fused kernel's WGSL program on TF.js's webgpu backend. Inputs are bound as flat [n]
 * views of their buffers (a reshape on webgpu is free, so no kernel runs for it), outputs are
 * made flat and given the caller's shape; hyper-parameters are uniforms, so one pipeline serves
 * every tensor size and learning rate.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../args';

interface Uniform { type: 'float32' | 'int32'; data: number[] }
interface WebGpuBackendLike {
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: Uniform[]): tf.TensorInfo;
}

const WORKGROUP = 64;
const REDUCE_WORKGROUP = 256;

const flatView = (t: tf.TensorInfo): tf.TensorInfo => ({ dataId: t.dataId, shape: [tf.util.sizeFromShape(t.shape)], dtype: t.dtype });

/**
 * One workgroup that sums `terms` (a WGSL vec3<f32> expression of element i) over n elements with
 * a tree in workgroup memory; `finish` writes the output from the total `t`.
 */
function reduction(key: string, variableNames: string[], outputSize: number, terms: string, finish: string) {
  return {
    shaderKey: `ftp_${key}`, variableNames, outputShape: [outputSize], size: false,
    uniforms: 'n : i32,', dispatchLayout: { x: [0] }, dispatch: [1, 1, 1] as [number, number, number],
    workgroupSize: [REDUCE_WORKGROUP, 1, 1] as [number, number, number],
    getUserCode: () => `
      var<workgroup> partial : array<vec3<f32>, ${REDUCE_WORKGROUP}>;
      fn main(index : i32) {
        let lid = i32(localIndex);
        var acc = vec3<f32>(0.0, 0.0, 0.0);
        for (var i = lid; i < uniforms.n; i = i + ${REDUCE_WORKGROUP}) {
          acc = acc + ${terms};
        }
        partial[lid] = acc;
        workgroupBarrier();
        for (var s = ${REDUCE_WORKGROUP / 2}; s > 0; s = s / 2) {
          if (lid < s) {
            partial[lid] = partial[lid] + partial[lid + s];
          }
          workgroupBarrier();
        }
        if (lid == 0) {
          let t = partial[0];
          ${finish}
        }
      }`,
  };
}

/** A program over a flat output of `size` elements, one invocation per element. */
function elementwise(key: string, variableNames: string[], size: number, uniforms: string, body: string) {
  return {
    shaderKey: `ftp_${key}`, variableNames, outputShape: [size], size: true, uniforms,
    dispatchLayout: { x: [0] }, dispatch: [Math.ceil(size / WORKGROUP), 1, 1] as [number, number, number],
    workgroupSize: [WORKGROUP, 1, 1] as [number, number, number],
    getUserCode: () => `
      fn main(index : i32) {
        if (index < uniforms.size) {
          ${body}
        }
      }`,
  };
}

function run(args: KernelArgs, program: object, inputs: tf.TensorInfo[], uniforms: Uniform[], shape: number[]): tf.TensorInfo {
  const out = (args.backend as unknown as WebGpuBackendLike).runWebGPUProgram(program, inputs.map(flatView), 'float32', uniforms);
  return { ...out, shape };
}

export const webgpuHelpers = {
  reduction,
  elementwise,
  run,
  f32: (...data: number[]): Uniform => ({ type: 'float32', data }),
  i32: (...data: number[]): Uniform => ({ type: 'int32', data }),
};
export type WebGpuHelpers = typeof webgpuHelpers;
