/** Registers the fused kernels on every backend the project uses (idempotent; before the first step). */
import { cpuAccess, installMemoryKernels, wasmAccess } from './memoryKernels';
import { installWebGlKernels } from './webgl';
import { installWebGpuKernels } from './webgpu';

let installed = false;

export function installFusedKernels(): void {
  if (installed) return;
  installed = true;
  installMemoryKernels('cpu', cpuAccess);
  installMemoryKernels('wasm', wasmAccess);
  installWebGlKernels();
  installWebGpuKernels();
}
