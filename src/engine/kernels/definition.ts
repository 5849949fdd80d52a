/**
 * The project's fused training kernels: one dispatch where TF.js's composed ops need five to
 * fifteen (an optimiser update is one kernel per arithmetic op, plus fresh scalar uploads).
 * Each kernel works on flat element indices, so any tensor shape goes in without a reshape, and
 * takes its hyper-parameters as attributes (uniforms on the GPU), never as per-step tensors.
 * A family of kernels (fused/*.ts) defines each kernel once per backend, every implementation
 * computing the same f32 operations in the same order as the composed ops it replaces, and check
 * cases that compare the two; install.ts and check.ts take every family from fused/index.ts.
 */
import type * as tf from '@tensorflow/tfjs';
import type { KernelArgs } from './args';
import type { MemoryAccess } from './backends/memory';
import type { WebGlHelpers } from './backends/webgl';
import type { WebGpuHelpers } from './backends/webgpu';

export interface FusedKernelDef {
  /** the name registered with TF.js and run by the kernel's op */
  name: string;
  /** cpu and wasm: one loop over the values in JavaScript-visible memory */
  memory(args: KernelArgs, access: MemoryAccess): tf.TensorInfo;
  webgl(args: KernelArgs, gl: WebGlHelpers): tf.TensorInfo;
  webgpu(args: KernelArgs, gpu: WebGpuHelpers): tf.TensorInfo;
}

/** One fused result next to the composed ops' result it replaces (a type, not an interface: tf.tidy may return it). */
export type Comparison = {
  kernel: string;
  fused: tf.Tensor;
  composed: tf.Tensor;
  /** computed from a reduction, whose summation order differs from TF.js's Sum kernel */
  reduces?: boolean;
};

/** Tensors a check carries from one step to the next. */
export type Carried = Record<string, tf.Tensor>;

export interface CheckStep {
  shape: number[];
  /** 1, 2, …; 0 while starting */
  step: number;
  /** seeded normal values of `shape` */
  normal(std: number): tf.Tensor;
}

/** Several optimiser-like steps on one shape, each comparing the family's kernels with their references. */
export interface FusedCheck {
  start(s: CheckStep): Carried;
  step(s: CheckStep, carried: Carried): { compared: Comparison[]; next: Carried };
}

export interface FusedFamily {
  kernels: readonly FusedKernelDef[];
  check: FusedCheck;
}
