/**
 * Picks the TF.js backend for this hardware and says why, in a sentence the page shows as it is.
 * - auto: a hardware WebGPU adapter → webgpu; no adapter, or a software one (SwiftShader, llvmpipe:
 *   WebGPU on the CPU, several times slower than wasm on the same cores) → wasm, then webgl, then cpu;
 * - a winner measured in this browser with this adapter (Measure backends) goes first in auto;
 * - a backend pinned by the user goes first, and falls back along the same order if it cannot start;
 * - strict (Measure backends): only the named backend, an error if it cannot start.
 * A missing navigator.gpu, a null adapter or a failing device are expected cases: fall back, say why.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
// the wasm backend registers itself in ./wasmBackend
import { installFastCpuKernels } from '../engine/backend/cpuKernels';
import type { BackendAttempt, BackendChoice, BackendName, BackendPlan, BackendReport } from '../protocol/messages';
import { initEngineRuntime } from '../engine/runtime';
import { describeAdapter, isSoftwareAdapter, type AdapterInfoLike } from './adapterInfo';
import { planOrder, reasonFor } from './backendPlan';
import { prepareWasm, startWasm, wasmBlocker, wasmFacts } from './wasmBackend';

interface AdapterLike {
  info?: AdapterInfoLike;
  requestDevice(): Promise<{ destroy(): void }>;
}
interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

type AdapterProbe =
  | { ok: true; adapter: AdapterLike; text: string; software: boolean }
  | { ok: false; why: string };

async function probeAdapter(): Promise<AdapterProbe> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return { ok: false, why: 'this browser has no WebGPU (navigator.gpu is missing)' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { ok: false, why: 'no WebGPU adapter (requestAdapter returned null)' };
    return { ok: true, adapter, text: describeAdapter(adapter.info), software: isSoftwareAdapter(adapter.info) };
  } catch (e) {
    return { ok: false, why: `requestAdapter failed (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * Why TF.js could not start WebGPU: it only logs the error, so ask the adapter for a device
 * ourselves (TF.js used an adapter of its own; this one is still unused).
 */
async function whyNoDevice(adapter: AdapterLike): Promise<string> {
  try {
    (await adapter.requestDevice()).destroy();
    return 'TF.js could not initialise webgpu';
  } catch (e) {
    return `the WebGPU adapter gave no device (requestDevice failed: ${e instanceof Error ? e.message : String(e)})`;
  }
}

async function startBackend(name: BackendName, probe: AdapterProbe): Promise<void> {
  if (name === 'webgpu' && !probe.ok) throw new Error(probe.why);
  if (name === 'wasm') {
    const blocker = await wasmBlocker();
    if (blocker) throw new Error(blocker);
    prepareWasm();
  }
  if (name === 'cpu') installFastCpuKernels();
  const started = name === 'wasm' ? await startWasm(() => tf.setBackend(name)) : await tf.setBackend(name);
  if (!started) {
    if (name === 'webgpu' && probe.ok) throw new Error(await whyNoDevice(probe.adapter));
    throw new Error(name === 'wasm' ? 'TF.js could not initialise wasm (its .wasm file did not load)' : `TF.js could not initialise ${name}`);
  }
  await tf.ready();
  // a tiny op proves the backend computes (a device can exist and still fail)
  const probeSum = tf.tidy(() => tf.sum(tf.mul(tf.ones([4]), 2)));
  const value = (await probeSum.data())[0];
  probeSum.dispose();
  if (value !== 8) throw new Error(`${name} computed ${value} for a test sum (expected 8)`);
}

export interface SelectOptions {
  /** only the first backend of the plan (Measure backends): an error rather than a fallback */
  strict?: boolean;
}

/** Starts the backend the plan asks for (a choice alone: no measurements) and reports it. */
export async function selectBackend(request: BackendPlan | BackendChoice = 'auto', opts: SelectOptions = {}): Promise<BackendReport> {
  initEngineRuntime();
  const requested: BackendPlan = typeof request === 'string' ? { choice: request } : request;
  const probe = await probeAdapter();
  const plan = planOrder(requested, probe, opts.strict ?? false);
  const attempts: BackendAttempt[] = [];
  for (const name of plan.order) {
    try {
      await startBackend(name, probe);
      attempts.push({ backend: name, ok: true });
      const wasm = name === 'wasm' ? await wasmFacts() : undefined;
      return {
        backend: name, reason: reasonFor(name, plan, attempts, probe, wasm), chosenBy: plan.chosenBy, attempts,
        ...(probe.ok ? { adapter: probe.text, softwareAdapter: probe.software } : {}),
        ...(wasm ? { wasm } : {}),
      };
    } catch (e) {
      attempts.push({ backend: name, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (opts.strict) throw new Error(attempts[0]?.error ?? 'no backend was asked for');
  const tried = [...plan.notes, ...attempts.map((a) => `${a.backend}: ${a.error}`)];
  throw new Error(`no TF.js backend works here: ${tried.join('; ')}`);
}
