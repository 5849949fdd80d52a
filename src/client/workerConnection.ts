/**
 * The page's side of the request/reply protocol with one training worker: `request` sends a request
 * with a fresh id and resolves with the reply of that id (a run's events arrive on the way, to the
 * request's `onEvents`). When the worker is gone — crashed, killed, closed, ended by the page — every
 * pending request is rejected with why, once, and `onGone` says so.
 */
import type { RunEvent } from '../engine/training/events';
import type { ModelProblemCode } from '../engine/models/byo/types';
import type { AnyRequest, PageToWorker, ReplyOf, RequestOf, RequestType, WorkerToPage } from '../protocol/messages';
import { spawnTrainingWorker } from './spawnWorker';

/** A request's failure: the worker's error (with a user model's problem code), or the worker's end. */
export class WorkerRequestError extends Error {
  constructor(message: string, readonly code?: ModelProblemCode, readonly workerGone = false) {
    super(message);
  }
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: WorkerRequestError): void;
  onEvents?: (events: RunEvent[]) => void;
}

export interface RequestOptions {
  transfer?: Transferable[];
  /** a run's events (start) */
  onEvents?: (events: RunEvent[]) => void;
}

export class WorkerConnection {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private goneReason: string | null = null;

  /** `onGone` is called once when the worker ends in any way but `end()`. */
  constructor(name: string, private readonly onGone: (reason: string) => void = () => undefined) {
    this.worker = spawnTrainingWorker(name);
    this.worker.onmessage = (e: MessageEvent<WorkerToPage>) => this.handle(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.gone(`the training worker crashed: ${e.message || 'unknown error'}`);
    };
    this.worker.onmessageerror = () => this.gone('a message from the training worker could not be read');
  }

  get alive(): boolean {
    return this.goneReason === null;
  }

  request<T extends RequestType>(request: RequestOf<T>, opts: RequestOptions = {}): Promise<ReplyOf<T>> {
    if (this.goneReason !== null) return Promise.reject(new WorkerRequestError(this.goneReason, undefined, true));
    const id = this.nextId++;
    return new Promise<ReplyOf<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, onEvents: opts.onEvents });
      this.worker.postMessage({ id, request: request as AnyRequest } satisfies PageToWorker, opts.transfer ?? []);
    });
  }

  /** Terminates the worker (the only full release of its GPU memory); pending requests fail with `reason`. */
  end(reason = 'the training worker was released'): void {
    if (this.goneReason !== null) return;
    this.worker.terminate();
    this.settle(reason);
  }

  private handle(m: WorkerToPage): void {
    if (m.kind === 'lifeline') { this.watchLifeline(m.lock); return; }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'stream') { p.onEvents?.(m.events); return; }
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.result);
    else p.reject(new WorkerRequestError(m.error.message, m.error.code));
  }

  /**
   * Queues a request for the worker's lifeline lock: it is granted when the worker is gone. A worker
   * the page ended itself is already settled by then.
   */
  private watchLifeline(lock: string): void {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    void locks?.request(lock, () => this.gone('the training worker stopped unexpectedly (killed by the browser, out of memory, or crashed)')).catch(() => undefined);
  }

  private gone(reason: string): void {
    if (this.goneReason !== null) return;
    this.worker.terminate();
    this.settle(reason);
    this.onGone(reason);
  }

  private settle(reason: string): void {
    this.goneReason = reason;
    const error = new WorkerRequestError(reason, undefined, true);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
