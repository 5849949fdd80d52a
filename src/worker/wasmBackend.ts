/**
 * TF.js's wasm backend in the worker, set up as Node sets it up (scripts/node/tfNode.ts): the
 * project's conv-gradient and Tile kernels installed before the first op, and the `.wasm` files
 * from the page's own origin (Vite emits them with hashed names; nothing comes from a CDN). TF.js
 * picks the SIMD binary, and the threaded SIMD one where the page is cross-origin isolated; the
 * build serves its pthread scripts from our origin too (scripts/build/tfjsWasmThreads.ts).
 * Threads: TF.js's own count, half the logical cores (1 to 8). Measured on a 2-core machine, one
 * thread trained resnet-broad faster than two (7.0–7.9 vs 6.4–6.5 steps/s, interleaved runs): the
 * page, the browser and the worker share those cores.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { installWasmKernels } from '../engine/backend/wasmKernels';
import type { WasmFacts } from '../protocol/messages';

let prepared = false;

/** Before `tf.setBackend('wasm')`: where the binaries are, and our kernels. */
export function prepareWasm(): void {
  if (prepared) return;
  prepared = true;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainWasm,
    'tfjs-backend-wasm-simd.wasm': simdWasm,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdWasm,
  });
  installWasmKernels();
}

/**
 * TF.js waits forever for thread workers that cannot load (a CSP that blocks their scripts, a host
 * without our pthread files): give up after a while so the next backend gets its turn.
 */
export const WASM_START_TIMEOUT_MS = 30_000;

/** Starts TF.js's wasm backend (`start` is tf.setBackend('wasm')), or fails after WASM_START_TIMEOUT_MS. */
export function startWasm(start: () => Promise<boolean>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`TF.js's wasm backend did not start within ${WASM_START_TIMEOUT_MS / 1000} s (its thread workers did not load)`)), WASM_START_TIMEOUT_MS);
  });
  return Promise.race([start(), late]).finally(() => clearTimeout(timer));
}

/** The smallest valid module: compiling it tells whether this context may compile wasm at all. */
const EMPTY_MODULE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

/** Why wasm cannot run here (no WebAssembly, or a CSP without 'wasm-unsafe-eval'), or null. */
export async function wasmBlocker(): Promise<string | null> {
  if (typeof WebAssembly !== 'object') return 'this browser has no WebAssembly';
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    return null;
  } catch (e) {
    return `WebAssembly cannot be compiled here (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Threads and SIMD of the running wasm backend. */
export async function wasmFacts(): Promise<WasmFacts> {
  const [simd, threadsSupported] = await Promise.all([
    tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') as Promise<boolean>,
    tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') as Promise<boolean>,
  ]);
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const cores = globalThis.navigator?.hardwareConcurrency || 1;
  return { threads: getThreadsCount(), simd, threadsSupported, crossOriginIsolated: isolated, cores };
}
