/**
 * Page side of the bench harness, driven by scripts/bench/browser.ts through Playwright:
 *   bench.openWorker(backend) → a training worker with its backend selected (and the report)
 *   bench.call(handle, job)   → runs a bench job there (scripts/bench/lib/jobs.ts)
 *   bench.closeWorker(handle) → terminates it (the product's one-worker-per-run release)
 *   bench.chart(opts)         → times a LossChart data update on this page's main thread
 *   bench.adapter()           → the WebGPU adapter of the main thread (vendor, architecture…)
 */
import type { BenchJob } from '../../scripts/bench/lib/jobs';
import type { BackendName } from '../../src/protocol/messages';
import type { BenchInitResult, BenchWorkerRequest } from './benchWorker';
import { benchLossChart, type ChartBenchResult } from './chartBench';

interface Pending { resolve(v: unknown): void; reject(e: Error): void }
interface Handle { worker: Worker; pending: Map<number, Pending> }

export interface AdapterInfo { vendor: string; architecture: string; device: string; description: string }

export interface BenchApi {
  openWorker(backend: BackendName): Promise<{ handle: number; init: BenchInitResult }>;
  call(handle: number, job: BenchJob): Promise<unknown>;
  memory(handle: number): Promise<unknown>;
  closeWorker(handle: number): void;
  chart(opts: { points: number; repeats: number; bounded: boolean }): Promise<ChartBenchResult>;
  adapter(): Promise<AdapterInfo | null>;
}

declare global {
  interface Window { bench: BenchApi }
}

const handles = new Map<number, Handle>();
let nextHandle = 1;
let nextId = 1;

type Request = BenchWorkerRequest extends infer R ? (R extends BenchWorkerRequest ? Omit<R, 'id'> : never) : never;

function send(handle: number, message: Request): Promise<unknown> {
  const h = handles.get(handle);
  if (!h) return Promise.reject(new Error(`no bench worker ${handle}`));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    h.pending.set(id, { resolve, reject });
    h.worker.postMessage({ ...message, id });
  });
}

window.bench = {
  async openWorker(backend) {
    const worker = new Worker(new URL('./benchWorker.ts', import.meta.url), { type: 'module' });
    const handle = nextHandle++;
    const h: Handle = { worker, pending: new Map() };
    handles.set(handle, h);
    worker.onmessage = (e: MessageEvent<{ id?: number; result?: unknown; error?: string; progress?: string }>) => {
      if (e.data.progress !== undefined) { console.log(e.data.progress); return; }
      const p = h.pending.get(e.data.id!);
      h.pending.delete(e.data.id!);
      if (e.data.error !== undefined) p?.reject(new Error(e.data.error)); else p?.resolve(e.data.result);
    };
    worker.onerror = (e) => { for (const p of h.pending.values()) p.reject(new Error(`bench worker: ${e.message}`)); h.pending.clear(); };
    const init = (await send(handle, { type: 'init', backend })) as BenchInitResult;
    return { handle, init };
  },
  call: (handle, job) => send(handle, { type: 'job', job }),
  memory: (handle) => send(handle, { type: 'memory' }),
  closeWorker(handle) {
    handles.get(handle)?.worker.terminate();
    handles.delete(handle);
  },
  chart: (opts) => benchLossChart({ ...opts, host: document.getElementById('chart')! }),
  async adapter() {
    type Gpu = { requestAdapter(): Promise<{ info?: AdapterInfo } | null> };
    const gpu = (navigator as unknown as { gpu?: Gpu }).gpu;
    const adapter = await gpu?.requestAdapter();
    const i = adapter?.info;
    return i ? { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description } : null;
  },
};
