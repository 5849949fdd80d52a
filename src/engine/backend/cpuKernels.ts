/**
 * Faster replacements for a few of TF.js's cpu-backend kernels, so that training conv nets on the
 * cpu backend (Node runner, pretraining, the page's last-resort fallback) is usable. Each
 * replacement computes the same values as the stock kernel (tests compare them) and hands every
 * case it does not cover back to the stock kernel.
 */
import { installBroadcastBinaryKernels } from './cpuBroadcastBinary';
import { installConvFilterGradKernel } from './cpuConvFilterGrad';
import { installStridedReduceKernels } from './cpuStridedReduce';

let installed = false;

/** Idempotent; call after '@tensorflow/tfjs-backend-cpu' is imported. */
export function installFastCpuKernels(): void {
  if (installed) return;
  installed = true;
  installConvFilterGradKernel();
  installBroadcastBinaryKernels();
  installStridedReduceKernels();
}
