/**
 * The page's side of the protocol: one worker per run. A worker is created ahead of time so the
 * backend badge is known before the first run and the first run starts without a wait; after a run
 * it is terminated (the only full release of the GPU) and a fresh one is warmed up.
 */
import type { RunConfig } from '../engine/config/schema';
import type { RunEvent } from '../engine/training/events';
import type { BackendName, BackendReport, PageToWorker, WorkerToPage } from '../protocol/messages';

export interface WorkerClientCallbacks {
  onBackend(report: BackendReport): void;
  onEvents(runId: string, events: RunEvent[]): void;
  onControl(runId: string, state: 'paused' | 'running' | 'stopping'): void;
  /** the run (or the worker itself, runId null) failed; the worker has been replaced */
  onFailed(runId: string | null, message: string): void;
}

export class TrainingWorkerClient {
  private worker: Worker | null = null;
  private runId: string | null = null;

  constructor(private readonly callbacks: WorkerClientCallbacks, private readonly preferred?: BackendName) {
    this.warmUp();
  }

  get activeRunId(): string | null {
    return this.runId;
  }

  private warmUp(): void {
    const worker = new Worker(new URL('../worker/trainWorker.ts', import.meta.url), { type: 'module', name: 'training' });
    worker.onmessage = (e: MessageEvent<WorkerToPage>) => this.handle(worker, e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.fail(worker, `the training worker crashed: ${e.message || 'unknown error'}`);
    };
    worker.onmessageerror = () => this.fail(worker, 'a message from the training worker could not be read');
    this.worker = worker;
    this.send({ type: 'init', preferred: this.preferred });
  }

  private handle(worker: Worker, m: WorkerToPage): void {
    if (worker !== this.worker) return; // a terminated worker's late message
    switch (m.type) {
      case 'backend': this.callbacks.onBackend(m.report); break;
      case 'control': this.callbacks.onControl(m.runId, m.state); break;
      case 'events':
        this.callbacks.onEvents(m.runId, m.events);
        if (m.events.some((e) => e.type === 'done')) this.retire();
        break;
      case 'failed': this.fail(worker, m.message, m.runId); break;
    }
  }

  private fail(worker: Worker, message: string, runId: string | null = this.runId): void {
    if (worker !== this.worker) return;
    this.callbacks.onFailed(runId, message);
    if (runId === null && this.runId === null) {
      // the worker could not start any backend: a new one would fail the same way
      this.worker?.terminate();
      this.worker = null;
      return;
    }
    this.retire();
  }

  /** Ends the current worker and warms up the next one. */
  private retire(): void {
    this.worker?.terminate();
    this.worker = null;
    this.runId = null;
    this.warmUp();
  }

  private send(m: PageToWorker): void {
    this.worker?.postMessage(m);
  }

  start(runId: string, config: RunConfig): void {
    if (this.runId) throw new Error(`a run (${this.runId}) is already active`);
    this.runId = runId;
    this.send({ type: 'start', runId, config });
  }

  pause(): void { if (this.runId) this.send({ type: 'pause', runId: this.runId }); }
  resume(): void { if (this.runId) this.send({ type: 'resume', runId: this.runId }); }
  stop(): void { if (this.runId) this.send({ type: 'stop', runId: this.runId }); }

  /** Kills the worker at once (a stop that does not wait for the current step). */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.runId = null;
  }
}
