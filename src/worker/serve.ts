/**
 * The worker's side of the request/reply protocol: each request is handed to its handler and
 * answered once, with the handler's result or its error, under the request's id. A run's events go
 * out as they come, under the id of the request that runs it.
 */
import type { RunEvent } from '../engine/training/events';
import type { ModelProblemCode } from '../engine/models/byo/types';
import type { PageToWorker, ReplyOf, RequestMap, RequestOf, RequestType, WorkerError, WorkerRequests, WorkerToPage } from '../protocol/messages';

/** An error with a code the page acts on (a user model's problem). */
export class CodedError extends Error {
  constructor(message: string, readonly code: ModelProblemCode) {
    super(message);
  }
}

export interface RequestContext {
  /** sends a run's events now, under this request's id */
  stream(events: RunEvent[]): void;
  /** buffers to transfer (not copy) with the reply */
  transfer: Transferable[];
}

export type Handlers<M extends RequestMap = WorkerRequests> = {
  [T in RequestType<M>]: (request: RequestOf<T, M>, ctx: RequestContext) => Promise<ReplyOf<T, M>>
};

export interface WorkerScope<M extends RequestMap = WorkerRequests> {
  postMessage(message: WorkerToPage, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<PageToWorker<M>>) => void) | null;
}

function asWorkerError(e: unknown): WorkerError {
  if (e instanceof CodedError) return { message: e.message, code: e.code };
  return { message: e instanceof Error ? e.message : String(e) };
}

export function serve<M extends RequestMap = WorkerRequests>(scope: WorkerScope<M>, handlers: Handlers<M>): void {
  scope.onmessage = (e) => {
    const { id, request } = e.data;
    const ctx: RequestContext = { stream: (events) => scope.postMessage({ kind: 'stream', id, events }), transfer: [] };
    const handle = handlers[request.type] as (r: typeof request, c: RequestContext) => Promise<unknown>;
    Promise.resolve()
      .then(() => handle(request, ctx))
      .then(
        (result) => scope.postMessage({ kind: 'reply', id, ok: true, result }, ctx.transfer),
        (err: unknown) => scope.postMessage({ kind: 'reply', id, ok: false, error: asWorkerError(err) }),
      );
  };
}
