/** Registers every fused kernel on every backend the project uses (idempotent; before the first step). */
import * as tf from '@tensorflow/tfjs-core';
import { MEMORY_ACCESS } from './backends/memory';
import { webglHelpers } from './backends/webgl';
import { webgpuHelpers } from './backends/webgpu';
import { FUSED_KERNEL_DEFS } from './fused';

let installed = false;

function register(backendName: string, kernelName: string, kernelFunc: tf.KernelFunc): void {
  if (tf.getKernel(kernelName, backendName) == null) tf.registerKernel({ kernelName, backendName, kernelFunc });
}

export function installFusedKernels(): void {
  if (installed) return;
  installed = true;
  for (const def of FUSED_KERNEL_DEFS) {
    register('cpu', def.name, (args) => def.memory(args, MEMORY_ACCESS.cpu));
    register('wasm', def.name, (args) => def.memory(args, MEMORY_ACCESS.wasm));
    register('webgl', def.name, (args) => def.webgl(args, webglHelpers));
    register('webgpu', def.name, (args) => def.webgpu(args, webgpuHelpers));
  }
}
