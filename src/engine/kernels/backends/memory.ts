/**
 * Value access for the backends whose tensors live in JavaScript-visible memory: cpu (typed
 * arrays) and wasm (views of the wasm heap). A fused kernel runs the same loop on both; only how
 * a tensor's values are read and an output is made differ.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CpuBackendLike } from '../../backend/cpuBackendLike';
import type { WasmBackendLike } from '../../backend/wasmBackendLike';
import type { KernelArgs } from '../args';

export interface MemoryAccess {
  values(args: KernelArgs, t: tf.TensorInfo): Float32Array;
  /** an output of `shape` whose values `fill` writes; read the inputs inside `fill` (see wasm) */
  output(args: KernelArgs, shape: number[], fill: (out: Float32Array) => void): tf.TensorInfo;
}

/** cpu: values are the tensor's typed array; an output is a new one. */
const cpu: MemoryAccess = {
  values: (args, t) => (args.backend as unknown as CpuBackendLike).data.get(t.dataId).values,
  output(args, shape, fill) {
    const out = new Float32Array(tf.util.sizeFromShape(shape));
    fill(out);
    return (args.backend as unknown as CpuBackendLike).makeTensorInfo(shape, 'float32', out);
  },
};

/** wasm: views of the heap, taken only after the output is allocated (heap growth detaches older views). */
const wasm: MemoryAccess = {
  values: (args, t) => (args.backend as unknown as WasmBackendLike).typedArrayFromHeap(t),
  output(args, shape, fill) {
    const backend = args.backend as unknown as WasmBackendLike;
    const out = backend.makeOutput(shape, 'float32');
    fill(backend.typedArrayFromHeap(out));
    return out;
  },
};

export const MEMORY_ACCESS = { cpu, wasm } as const;
