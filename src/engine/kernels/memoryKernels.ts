/**
 * The fused kernels for the backends whose tensors live in JavaScript-visible memory: cpu (typed
 * arrays) and wasm (views of the wasm heap). Both run the same flat.ts loops; only how a tensor's
 * values are read and an output is made differ.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CpuBackendLike } from '../backend/cpuBackendLike';
import type { WasmBackendLike } from '../backend/wasmBackendLike';
import * as flat from './flat';
import {
  ADAM_MOMENTS, ADAM_STEP, MOMENTUM, PULL, SCALED_SUB, SPD_APPLY, SPD_STATE, SQUARED_DISTANCE,
  type AdamMomentsAttrs, type AdamStepAttrs, type MomentumAttrs, type PullAttrs, type ScaledSubAttrs, type SpdApplyAttrs,
} from './names';

type Args = Parameters<tf.KernelFunc>[0];

/** How one backend exposes values and makes outputs. */
export interface MemoryAccess {
  values(args: Args, t: tf.TensorInfo): Float32Array;
  /** an output of `shape` whose values `fill` writes */
  output(args: Args, shape: number[], fill: (out: Float32Array) => void): tf.TensorInfo;
}

function register(backendName: string, kernelName: string, kernelFunc: tf.KernelFunc): void {
  if (tf.getKernel(kernelName, backendName) == null) tf.registerKernel({ kernelName, backendName, kernelFunc });
}

export function installMemoryKernels(backendName: 'cpu' | 'wasm', m: MemoryAccess): void {
  const input = (args: Args, name: string) => args.inputs[name] as tf.TensorInfo;
  const attrs = <T>(args: Args) => args.attrs as unknown as T;
  register(backendName, ADAM_MOMENTS, (args) => {
    const { beta1, beta2 } = attrs<AdamMomentsAttrs>(args);
    const mv = input(args, 'moments');
    return m.output(args, mv.shape, (out) => flat.adamMoments(m.values(args, mv), m.values(args, input(args, 'grad')), beta1, beta2, out));
  });
  register(backendName, ADAM_STEP, (args) => {
    const { lr, c1, c2, epsilon } = attrs<AdamStepAttrs>(args);
    const theta = input(args, 'theta');
    return m.output(args, theta.shape, (out) => flat.adamStep(m.values(args, theta), m.values(args, input(args, 'moments')), lr, c1, c2, epsilon, out));
  });
  register(backendName, MOMENTUM, (args) => {
    const b = input(args, 'buffer');
    return m.output(args, b.shape, (out) => flat.momentum(m.values(args, b), m.values(args, input(args, 'grad')), attrs<MomentumAttrs>(args).momentum, out));
  });
  register(backendName, SCALED_SUB, (args) => {
    const x = input(args, 'x');
    return m.output(args, x.shape, (out) => flat.scaledSub(m.values(args, x), m.values(args, input(args, 'y')), attrs<ScaledSubAttrs>(args).scale, out));
  });
  register(backendName, SPD_STATE, (args) => m.output(args, [4], (out) => flat.spdState(
    m.values(args, input(args, 'theta')), m.values(args, input(args, 'grad')), m.values(args, input(args, 'anchor')),
    m.values(args, input(args, 'proposed')), m.values(args, input(args, 'state')), out,
  )));
  register(backendName, SPD_APPLY, (args) => {
    const proposed = input(args, 'proposed');
    return m.output(args, proposed.shape, (out) => flat.spdApply(
      m.values(args, proposed), m.values(args, input(args, 'anchor')), m.values(args, input(args, 'state')), attrs<SpdApplyAttrs>(args).lambda, out,
    ));
  });
  register(backendName, SQUARED_DISTANCE, (args) => m.output(args, [], (out) => flat.squaredDistance(
    m.values(args, input(args, 'x')), m.values(args, input(args, 'anchor')), out,
  )));
  register(backendName, PULL, (args) => {
    const g = input(args, 'grad');
    return m.output(args, g.shape, (out) => flat.pull(
      m.values(args, g), m.values(args, input(args, 'x')), m.values(args, input(args, 'anchor')), attrs<PullAttrs>(args).strength, out,
    ));
  });
}

/** cpu: values are the tensor's typed array; an output is a new one. */
export const cpuAccess: MemoryAccess = {
  values: (args, t) => (args.backend as unknown as CpuBackendLike).data.get(t.dataId).values,
  output(args, shape, fill) {
    const out = new Float32Array(tf.util.sizeFromShape(shape));
    fill(out);
    return (args.backend as unknown as CpuBackendLike).makeTensorInfo(shape, 'float32', out);
  },
};

/** wasm: views of the heap, taken only after the output is allocated (heap growth detaches older views). */
export const wasmAccess: MemoryAccess = {
  values: (args, t) => (args.backend as unknown as WasmBackendLike).typedArrayFromHeap(t),
  output(args, shape, fill) {
    const backend = args.backend as unknown as WasmBackendLike;
    const out = backend.makeOutput(shape, 'float32');
    fill(backend.typedArrayFromHeap(out));
    return out;
  },
};
