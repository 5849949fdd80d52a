/**
 * The training side of evaluation beside training: a client of an evaluation worker
 * (evalHandlers.ts), which the page's training worker starts as a Worker of its own
 * (`startEvalWorker`) and the Node hosts as a worker thread (scripts/node/evalThread.ts), both
 * through `evalWorkerClient`. The evaluation worker is started with the run's backend as soon as
 * that backend is known — before any run, so the wasm binary compiles while the page is idle — and
 * a run that evaluates beside training has it build its replica while the run builds its own, then
 * hands each evaluation's weights over (copied: the run keeps them in case it must evaluate them itself). Any failure — the worker cannot
 * start, its backend or replica fails, it crashes — rejects the evaluation, and the run evaluates
 * that snapshot and every later one itself (session.ts).
 */
import type { RunConfig } from '../engine/config/schema';
import type { EvalAside } from '../engine/training/evalReplica';
import type { AnyRequest, BackendName, EvalWorkerRequests, PageToWorker, ReplyOf, RequestOf, RequestType, WorkerToPage } from '../protocol/messages';

/** An evaluation worker with its backend started, ready to take one run. */
export interface EvalWorker {
  /** the run's replica: built now, used by the run's evaluations */
  open(config: RunConfig): EvalAside;
  end(why: string): void;
}

/** The evaluation worker as the client sees it: a Worker, or a Node worker thread. */
export interface EvalPort {
  post(message: PageToWorker<EvalWorkerRequests>, transfer: ArrayBuffer[]): void;
  /** `message` for each message it sends; `crashed` once, if it dies */
  listen(message: (m: WorkerToPage) => void, crashed: (why: string) => void): void;
  terminate(): void;
}

export function startEvalWorker(backend: BackendName): EvalWorker {
  const worker = new Worker(new URL('./evalWorker.ts', import.meta.url), { type: 'module', name: 'evaluation' });
  return evalWorkerClient({
    post: (message, transfer) => worker.postMessage(message, transfer),
    listen(message, crashed) {
      worker.onmessage = (e: MessageEvent<WorkerToPage>) => message(e.data);
      worker.onerror = (e) => { e.preventDefault(); crashed(`the evaluation worker crashed: ${e.message || 'unknown error'}`); };
    },
    terminate: () => worker.terminate(),
  }, backend);
}

export function evalWorkerClient(port: EvalPort, backend: BackendName): EvalWorker {
  const pending = new Map<number, { resolve(r: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let gone: string | null = null;
  const end = (why: string) => {
    if (gone !== null) return;
    gone = why;
    port.terminate();
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  port.listen((m) => {
    if (m.kind !== 'reply') return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.result);
    else p?.reject(new Error(m.error.message));
  }, end);
  const request = <T extends RequestType<EvalWorkerRequests>>(req: RequestOf<T, EvalWorkerRequests>, transfer: ArrayBuffer[] = []) =>
    new Promise<ReplyOf<T, EvalWorkerRequests>>((resolve, reject) => {
      if (gone !== null) { reject(new Error(gone)); return; }
      const id = nextId++;
      pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      port.post({ id, request: req as AnyRequest<EvalWorkerRequests> }, transfer);
    });
  const quiet = <T>(p: Promise<T>) => { p.catch(() => undefined); return p; }; // a failure is the first evaluation's
  const ready = quiet(request<'init'>({ type: 'init', backend }));
  return {
    open(config) {
      const opened = quiet(ready.then(() => request<'open'>({ type: 'open', config })));
      return {
        async forward(weights) {
          await opened;
          // copied, not transferred: should the worker fail, the run evaluates this very snapshot itself
          const buffers = weights.map((w) => w.buffer as ArrayBuffer);
          const { values, ms } = await request<'forward'>({ type: 'forward', weights: buffers });
          return { values: new Float32Array(values), ms };
        },
        close: () => end('the run no longer evaluates beside training'),
      };
    },
    end,
  };
}
