/**
 * TF.js in Node for the headless runner, pretraining and tests. Default backend: wasm (XNNPACK),
 * with the project's added conv-gradient kernels — about 10× faster than the pure-JS cpu backend
 * for our conv nets. `cpu` (the pure-JS backend, with its slowest kernels replaced) is available
 * for checks; both compute the same functions.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { installFastCpuKernels } from '../../src/engine/backend/cpuKernels';
import { installWasmKernels } from '../../src/engine/backend/wasmKernels';
import { initEngineRuntime } from '../../src/engine/runtime';

export type NodeBackend = 'wasm' | 'cpu';

let wasmPathSet = false;

export async function useNodeBackend(kind: NodeBackend = 'wasm'): Promise<string> {
  initEngineRuntime();
  if (kind === 'wasm') {
    if (!wasmPathSet) {
      const require = createRequire(import.meta.url);
      const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      setWasmPaths(`${join(dist)}/`);
      wasmPathSet = true;
    }
    installWasmKernels();
  } else {
    installFastCpuKernels();
  }
  if (!(await tf.setBackend(kind))) throw new Error(`TF.js backend ${kind} failed to initialise`);
  await tf.ready();
  return tf.getBackend();
}
