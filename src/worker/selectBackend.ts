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
import '@tensorflow/tfjs-backend-wasm';
import { installFastCpuKernels } from '../engine/backend/cpuKernels';
import type { BackendAttempt, BackendChoice, BackendName, BackendPlan, BackendReport, MeasuredWinner, WasmFacts } from '../protocol/messages';
import { BACKEND_NAMES, NO_ADAPTER } from '../protocol/messages';
import { initEngineRuntime } from '../engine/runtime';
import { describeAdapter, isSoftwareAdapter, type AdapterInfoLike } from './adapterInfo';
import { describeWasm, prepareWasm, startWasm, wasmBlocker, wasmFacts } from './wasmBackend';

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

interface Plan {
  order: BackendName[];
  chosenBy: BackendReport['chosenBy'];
  /** why backends before the order's first were passed by ("software WebGPU adapter (…)") */
  notes: string[];
  winner?: MeasuredWinner;
}

/** The order to try, from the user's choice, a remembered measurement and the adapter. */
function planOrder(plan: BackendPlan, probe: AdapterProbe, strict: boolean): Plan {
  const hardware = probe.ok && !probe.software;
  const auto = BACKEND_NAMES.filter((b) => b !== 'webgpu' || hardware);
  const first = (name: BackendName) => [name, ...auto.filter((b) => b !== name)];
  if (plan.choice !== 'auto') return { order: strict ? [plan.choice] : first(plan.choice), chosenBy: 'pinned', notes: [] };
  const key = probe.ok ? probe.text : NO_ADAPTER;
  const winner = plan.measured?.find((m) => m.adapter === key);
  if (winner) return { order: first(winner.winner), chosenBy: 'measured', notes: [], winner };
  const notes = hardware ? [] : [probe.ok ? `software WebGPU adapter (${probe.text})` : `webgpu unavailable (${probe.why})`];
  return { order: auto, chosenBy: 'auto', notes };
}

function failureText(a: BackendAttempt, plan: Plan): string {
  if (plan.chosenBy === 'pinned' && a.backend === plan.order[0]) return `${a.backend} pinned but unavailable (${a.error})`;
  if (plan.chosenBy === 'measured' && a.backend === plan.order[0]) return `${a.backend}, measured fastest here, is unavailable (${a.error})`;
  return `${a.backend} unavailable (${a.error})`;
}

/** The badge's sentence for the backend that started. */
function reasonFor(name: BackendName, plan: Plan, attempts: BackendAttempt[], probe: AdapterProbe, wasm: WasmFacts | undefined): string {
  const failed = attempts.filter((a) => !a.ok).map((a) => failureText(a, plan));
  const adapterText = probe.ok ? `${probe.software ? 'software ' : ''}WebGPU adapter ${probe.text}` : '';
  const detail = name === 'wasm' && wasm ? describeWasm(wasm) : name === 'webgpu' ? adapterText : '';
  if (failed.length === 0) {
    if (plan.chosenBy === 'pinned') return `pinned to ${name} by you${detail ? `: ${detail}` : ''}`;
    if (plan.chosenBy === 'measured') return `${plan.winner!.summary}${name === 'wasm' && detail ? `; ${detail}` : ''}`;
    if (name === 'webgpu') return `WebGPU adapter: ${probe.ok ? probe.text : ''}`;
  }
  const before = [...plan.notes, ...failed];
  // "software WebGPU adapter (…): using wasm" reads as one statement; a list of failures ends in "; using …"
  const joiner = failed.length === 0 && plan.notes[0]?.startsWith('software') ? ':' : ';';
  const using = `using ${name}${name === 'wasm' && detail ? `, ${detail}` : ''}`;
  return before.length ? `${before.join('; ')}${joiner} ${using}` : using;
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
