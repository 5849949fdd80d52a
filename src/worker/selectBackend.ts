/**
 * Picks the fastest TF.js backend that works here: webgpu, then webgl, then cpu, and says why.
 * A missing navigator.gpu or a null adapter is an expected case (fall back, tell the user).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { installFastCpuKernels } from '../engine/backend/cpuKernels';
import type { BackendAttempt, BackendName, BackendReport } from '../protocol/messages';
import { initEngineRuntime } from '../engine/runtime';

const ORDER: BackendName[] = ['webgpu', 'webgl', 'cpu'];

interface AdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string };
  requestDevice(): Promise<{ destroy(): void }>;
}
interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

async function findAdapter(): Promise<{ adapter: AdapterLike; text: string }> {
  const gpu = (globalThis.navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter (requestAdapter returned null)');
  const info = adapter.info;
  return { adapter, text: [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter' };
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

async function tryBackend(name: BackendName): Promise<string | undefined> {
  const found = name === 'webgpu' ? await findAdapter() : undefined;
  if (name === 'cpu') installFastCpuKernels();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(found ? await whyNoDevice(found.adapter) : `TF.js could not initialise ${name}`);
  await tf.ready();
  // a tiny op proves the backend computes (a device can exist and still fail)
  const probe = tf.tidy(() => tf.sum(tf.mul(tf.ones([4]), 2)));
  const value = (await probe.data())[0];
  probe.dispose();
  if (value !== 8) throw new Error(`${name} computed ${value} for a test sum (expected 8)`);
  return found?.text;
}

export async function selectBackend(preferred: BackendName = 'webgpu'): Promise<BackendReport> {
  initEngineRuntime();
  const attempts: BackendAttempt[] = [];
  for (const name of ORDER.slice(ORDER.indexOf(preferred))) {
    try {
      const adapter = await tryBackend(name);
      attempts.push({ backend: name, ok: true });
      const skipped = attempts.filter((a) => !a.ok);
      const reason = name === 'webgpu'
        ? `WebGPU adapter: ${adapter}`
        : skipped.length
          ? `${skipped.map((a) => `${a.backend} unavailable (${a.error})`).join('; ')}; using ${name}`
          : `${name} requested`;
      return { backend: name, reason, adapter, attempts };
    } catch (e) {
      attempts.push({ backend: name, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`no TF.js backend works here: ${attempts.map((a) => `${a.backend}: ${a.error}`).join('; ')}`);
}
