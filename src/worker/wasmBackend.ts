/**
 * TF.js's wasm backend in the worker, set up as Node sets it up (scripts/node/tfNode.ts): the
 * project's conv-gradient and Tile kernels installed before the first op, and the `.wasm` files
 * from the page's own origin (Vite emits them with hashed names; nothing comes from a CDN). TF.js
 * picks the SIMD binary, and the threaded SIMD one where the page is cross-origin isolated; the
 * build serves its pthread scripts from our origin too (scripts/build/tfjsWasmThreads.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
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
  setThreadsCount(logicalCores());
  installWasmKernels();
}

/**
 * TF.js waits forever for thread workers that cannot load (a CSP that blocks their scripts, a host
 * without our pthread files): give up after a while so the next backend gets its turn.
 */
export const WASM_START_TIMEOUT_MS = 30_000;

function withTimeout(started: Promise<boolean>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`TF.js's wasm backend did not start within ${WASM_START_TIMEOUT_MS / 1000} s (its thread workers did not load)`)), WASM_START_TIMEOUT_MS);
  });
  return Promise.race([started, late]).finally(() => clearTimeout(timer));
}

/** navigator.hardwareConcurrency, within TF.js's pthread pool (8 workers). */
function logicalCores(): number {
  return Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency || 1));
}

/**
 * Starts TF.js's wasm backend with one thread per logical core. TF.js 4.22 caps its thread pool at
 * hardwareConcurrency / 2 (it assumes two hyperthreads per core), read once as the module starts:
 * one thread on a 2-core machine. Training runs in this worker while the page idles, so while the
 * module starts it reads a doubled count, and setThreadsCount (prepareWasm) asks for the real one.
 */
export async function startWasm(start: () => Promise<boolean>): Promise<boolean> {
  const nav = globalThis.navigator as Navigator | undefined;
  if (!nav) return withTimeout(start());
  const doubled = logicalCores() * 2;
  Object.defineProperty(nav, 'hardwareConcurrency', { configurable: true, get: () => doubled });
  try {
    return await withTimeout(start());
  } finally {
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency; // the prototype's getter again
  }
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
  return { threads: getThreadsCount(), simd, threadsSupported, crossOriginIsolated: isolated };
}
