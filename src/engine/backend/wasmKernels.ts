/**
 * Kernels added to or replacing TF.js's wasm backend so that it can train conv nets quickly in
 * Node (headless runner, pretraining, tests). Tests compare each against the cpu backend.
 */
import { installWasmConvGradKernels } from './wasmConvGrads';
import { installWasmGatherKernel } from './wasmGather';
import { installWasmIdentityKernel } from './wasmIdentity';
import { installWasmTileKernel } from './wasmTile';

let installed = false;

/** Idempotent; call after '@tensorflow/tfjs-backend-wasm' is imported, before the first op on wasm. */
export function installWasmKernels(): void {
  if (installed) return;
  installed = true;
  installWasmConvGradKernels();
  installWasmTileKernel();
  installWasmIdentityKernel();
  installWasmGatherKernel();
}
