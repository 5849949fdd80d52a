import { describe, expect, it } from 'vitest';
import type { BackendAttempt, BackendName, WasmFacts } from '../protocol/messages';
import { describeWasm, planOrder, reasonFor, type AdapterFacts } from './backendPlan';

const SOFTWARE: AdapterFacts = { ok: true, text: 'google swiftshader', software: true };
const HARDWARE: AdapterFacts = { ok: true, text: 'nvidia ampere', software: false };
const NONE: AdapterFacts = { ok: false, why: 'no WebGPU adapter (requestAdapter returned null)' };
const WASM: WasmFacts = { threads: 2, simd: true, threadsSupported: true, crossOriginIsolated: true, cores: 4 };

/** The reason when `attempts` failed in order before `name` started. */
function sentence(name: BackendName, plan: ReturnType<typeof planOrder>, adapter: AdapterFacts, failed: [BackendName, string][] = []): string {
  const attempts: BackendAttempt[] = [...failed.map(([backend, error]) => ({ backend, ok: false, error })), { backend: name, ok: true }];
  return reasonFor(name, plan, attempts, adapter, name === 'wasm' ? WASM : undefined);
}

describe('auto', () => {
  it('takes a hardware adapter first', () => {
    const plan = planOrder({ choice: 'auto' }, HARDWARE, false);
    expect(plan.order).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(sentence('webgpu', plan, HARDWARE)).toBe('WebGPU adapter: nvidia ampere');
    expect(sentence('wasm', plan, HARDWARE, [['webgpu', 'the WebGPU adapter gave no device (lost)']]))
      .toBe('webgpu unavailable (the WebGPU adapter gave no device (lost)); using wasm, 2 threads, SIMD');
  });

  it('passes a software adapter by for wasm, and says so', () => {
    const plan = planOrder({ choice: 'auto' }, SOFTWARE, false);
    expect(plan.order).toEqual(['wasm', 'webgl', 'cpu']);
    expect(plan.chosenBy).toBe('auto');
    expect(sentence('wasm', plan, SOFTWARE)).toBe('software WebGPU adapter (google swiftshader): using wasm, 2 threads, SIMD');
    expect(sentence('webgl', plan, SOFTWARE, [['wasm', 'this browser has no WebAssembly']]))
      .toBe('software WebGPU adapter (google swiftshader); wasm unavailable (this browser has no WebAssembly); using webgl');
  });

  it('without an adapter starts at wasm and names why', () => {
    const plan = planOrder({ choice: 'auto' }, NONE, false);
    expect(plan.order).toEqual(['wasm', 'webgl', 'cpu']);
    expect(sentence('wasm', plan, NONE)).toBe('webgpu unavailable (no WebGPU adapter (requestAdapter returned null)); using wasm, 2 threads, SIMD');
  });
});

describe('a pinned backend', () => {
  it('goes first, software adapter or not, and says it was pinned', () => {
    const plan = planOrder({ choice: 'webgpu' }, SOFTWARE, false);
    expect(plan.order).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(sentence('webgpu', plan, SOFTWARE)).toBe('pinned to webgpu by you: software WebGPU adapter google swiftshader');
    expect(sentence('wasm', planOrder({ choice: 'wasm' }, SOFTWARE, false), SOFTWARE)).toBe('pinned to wasm by you: 2 threads, SIMD');
    expect(sentence('cpu', planOrder({ choice: 'cpu' }, SOFTWARE, false), SOFTWARE)).toBe('pinned to cpu by you');
  });

  it('falls back along the order for the hardware, with the reason', () => {
    const plan = planOrder({ choice: 'webgl' }, SOFTWARE, false);
    expect(plan.order).toEqual(['webgl', 'wasm', 'cpu']);
    expect(sentence('wasm', plan, SOFTWARE, [['webgl', 'TF.js could not initialise webgl']]))
      .toBe('webgl pinned but unavailable (TF.js could not initialise webgl); using wasm, 2 threads, SIMD');
    const gpu = planOrder({ choice: 'webgpu' }, NONE, false);
    expect(sentence('wasm', gpu, NONE, [['webgpu', 'no WebGPU adapter (requestAdapter returned null)']]))
      .toBe('webgpu pinned but unavailable (no WebGPU adapter (requestAdapter returned null)); using wasm, 2 threads, SIMD');
  });

  it('is the only one tried when strict (Measure backends)', () => {
    expect(planOrder({ choice: 'webgl' }, HARDWARE, true).order).toEqual(['webgl']);
  });
});

describe('a remembered measurement', () => {
  const measured = [
    { adapter: 'google swiftshader', winner: 'cpu' as const, summary: 'measured fastest here on 2026-12-06: cpu 0.9 steps/s vs wasm 0.5' },
    { adapter: 'no WebGPU adapter', winner: 'webgl' as const, summary: 'measured fastest here on 2026-12-05: webgl 2.0 steps/s vs wasm 1.0' },
  ];

  it('leads auto with the winner measured with this adapter, and quotes the figures', () => {
    const plan = planOrder({ choice: 'auto', measured }, SOFTWARE, false);
    expect(plan.order).toEqual(['cpu', 'wasm', 'webgl']);
    expect(plan.chosenBy).toBe('measured');
    expect(sentence('cpu', plan, SOFTWARE)).toBe('measured fastest here on 2026-12-06: cpu 0.9 steps/s vs wasm 0.5');
    expect(planOrder({ choice: 'auto', measured }, NONE, false).order[0]).toBe('webgl');
    expect(sentence('wasm', plan, SOFTWARE, [['cpu', 'boom']])).toBe('cpu, measured fastest here, is unavailable (boom); using wasm, 2 threads, SIMD');
  });

  it('is ignored for another adapter and under a pin', () => {
    expect(planOrder({ choice: 'auto', measured }, HARDWARE, false).chosenBy).toBe('auto');
    expect(planOrder({ choice: 'wasm', measured }, SOFTWARE, false).order[0]).toBe('wasm');
  });
});

describe('describeWasm', () => {
  it('says threads and SIMD, and why there is one thread', () => {
    expect(describeWasm(WASM)).toBe('2 threads, SIMD');
    expect(describeWasm({ ...WASM, threads: 1, crossOriginIsolated: false })).toBe('1 thread (the page is not cross-origin isolated), SIMD');
    expect(describeWasm({ threads: 1, simd: false, threadsSupported: false, crossOriginIsolated: true, cores: 8 })).toBe('1 thread (this browser has no wasm threads), no SIMD');
    expect(describeWasm({ ...WASM, threads: 1, cores: 2 })).toBe('1 thread (TF.js uses half of the 2 cores), SIMD');
    expect(describeWasm({ ...WASM, threads: 1, cores: 8 })).toBe('1 thread, SIMD');
  });
});
