/**
 * The fused kernels as WGSL programs for TF.js's webgpu backend. Inputs are bound as flat [n]
 * views of their buffers (a reshape on webgpu is free, so no kernel runs for it), outputs are
 * made flat and given the caller's shape; hyper-parameters are uniforms, so one pipeline serves
 * every tensor size and learning rate. SPD's statistics are one workgroup's tree reduction.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  ADAM_MOMENTS, ADAM_STEP, MOMENTUM, PULL, SCALED_SUB, SPD_APPLY, SPD_STATE, SQUARED_DISTANCE,
  type AdamMomentsAttrs, type AdamStepAttrs, type MomentumAttrs, type PullAttrs, type ScaledSubAttrs, type SpdApplyAttrs,
} from './names';

type Args = Parameters<tf.KernelFunc>[0];
interface Uniform { type: 'float32' | 'int32'; data: number[] }
interface WebGpuBackendLike {
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: Uniform[]): tf.TensorInfo;
}

const WORKGROUP = 64;
const REDUCE_WORKGROUP = 256;

const flatView = (t: tf.TensorInfo): tf.TensorInfo => ({ dataId: t.dataId, shape: [tf.util.sizeFromShape(t.shape)], dtype: t.dtype });
const f32 = (...data: number[]): Uniform => ({ type: 'float32', data });
const i32 = (...data: number[]): Uniform => ({ type: 'int32', data });

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

function run(args: Args, program: object, inputs: tf.TensorInfo[], uniforms: Uniform[], shape: number[]): tf.TensorInfo {
  const out = (args.backend as unknown as WebGpuBackendLike).runWebGPUProgram(program, inputs.map(flatView), 'float32', uniforms);
  return { ...out, shape };
}

const input = (args: Args, name: string) => args.inputs[name] as tf.TensorInfo;
const size = (t: tf.TensorInfo) => tf.util.sizeFromShape(t.shape);

const kernels: Record<string, tf.KernelFunc> = {
  [ADAM_MOMENTS]: (args) => {
    const { beta1, beta2 } = args.attrs as unknown as AdamMomentsAttrs;
    const mv = input(args, 'moments');
    const g = input(args, 'grad');
    const program = elementwise('adam_moments', ['MV', 'G'], size(mv), 'half : i32, beta1 : f32, oneMinusBeta1 : f32, beta2 : f32, oneMinusBeta2 : f32,', `
          let n = uniforms.half;
          if (index < n) {
            setOutputAtIndex(index, MV[index] * uniforms.beta1 + G[index] * uniforms.oneMinusBeta1);
          } else {
            let g = G[index - n];
            setOutputAtIndex(index, MV[index] * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2);
          }`);
    return run(args, program, [mv, g], [i32(size(g)), f32(beta1), f32(1 - beta1), f32(beta2), f32(1 - beta2)], mv.shape);
  },
  [ADAM_STEP]: (args) => {
    const { lr, c1, c2, epsilon } = args.attrs as unknown as AdamStepAttrs;
    const theta = input(args, 'theta');
    const program = elementwise('adam_step', ['THETA', 'MV'], size(theta), 'lr : f32, c1 : f32, c2 : f32, epsilon : f32,', `
          let step = (MV[index] / uniforms.c1) / (sqrt(MV[index + uniforms.size] / uniforms.c2) + uniforms.epsilon);
          setOutputAtIndex(index, THETA[index] - step * uniforms.lr);`);
    return run(args, program, [theta, input(args, 'moments')], [f32(lr), f32(c1), f32(c2), f32(epsilon)], theta.shape);
  },
  [MOMENTUM]: (args) => {
    const b = input(args, 'buffer');
    const program = elementwise('momentum', ['B', 'G'], size(b), 'momentum : f32,', `
          setOutputAtIndex(index, B[index] * uniforms.momentum + G[index]);`);
    return run(args, program, [b, input(args, 'grad')], [f32((args.attrs as unknown as MomentumAttrs).momentum)], b.shape);
  },
  [SCALED_SUB]: (args) => {
    const x = input(args, 'x');
    const program = elementwise('scaled_sub', ['X', 'Y'], size(x), 'scale : f32,', `
          setOutputAtIndex(index, X[index] - Y[index] * uniforms.scale);`);
    return run(args, program, [x, input(args, 'y')], [f32((args.attrs as unknown as ScaledSubAttrs).scale)], x.shape);
  },
  [SPD_STATE]: (args) => {
    const theta = input(args, 'theta');
    const program = reduction('spd_state', ['THETA', 'G', 'ANCHOR', 'PROPOSED', 'STATE'], 4,
      'vec3<f32>(G[i] * (THETA[i] - ANCHOR[i]), (PROPOSED[i] - ANCHOR[i]) * (PROPOSED[i] - ANCHOR[i]), (THETA[i] - ANCHOR[i]) * (THETA[i] - ANCHOR[i]))', `
          result[0] = t.x;
          result[1] = t.y;
          result[2] = t.z;
          result[3] = STATE[3] + select(0.0, 1.0, -t.x < 0.0);`);
    const inputs = ['theta', 'grad', 'anchor', 'proposed', 'state'].map((n) => input(args, n));
    return run(args, program, inputs, [i32(size(theta))], [4]);
  },
  [SQUARED_DISTANCE]: (args) => {
    const x = input(args, 'x');
    const program = reduction('squared_distance', ['X', 'ANCHOR'], 1,
      'vec3<f32>((X[i] - ANCHOR[i]) * (X[i] - ANCHOR[i]), 0.0, 0.0)', `
          result[0] = t.x;`);
    return run(args, program, [x, input(args, 'anchor')], [i32(size(x))], []);
  },
  [PULL]: (args) => {
    const g = input(args, 'grad');
    const program = elementwise('pull', ['G', 'X', 'ANCHOR'], size(g), 'strength : f32,', `
          setOutputAtIndex(index, G[index] + (X[index] - ANCHOR[index]) * uniforms.strength);`);
    return run(args, program, [g, input(args, 'x'), input(args, 'anchor')], [f32((args.attrs as unknown as PullAttrs).strength)], g.shape);
  },
  [SPD_APPLY]: (args) => {
    const proposed = input(args, 'proposed');
    const program = elementwise('spd_apply', ['PROPOSED', 'ANCHOR', 'STATE'], size(proposed), 'lambda : f32,', `
          let next = sqrt(STATE[1]);
          let r = clamp((next - sqrt(STATE[2])) / (next + 1e-12), 0.0, 1.0);
          let k = select(0.0, 1.0, -STATE[0] < 0.0) * (r * uniforms.lambda);
          let p = PROPOSED[index];
          setOutputAtIndex(index, p - k * (p - ANCHOR[index]));`);
    return run(args, program, [proposed, input(args, 'anchor'), input(args, 'state')], [f32((args.attrs as unknown as SpdApplyAttrs).lambda)], proposed.shape);
  },
};

export function installWebGpuKernels(): void {
  for (const [kernelName, kernelFunc] of Object.entries(kernels)) {
    if (tf.getKernel(kernelName, 'webgpu') == null) tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc });
  }
}
