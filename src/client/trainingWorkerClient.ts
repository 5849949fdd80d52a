/**
 * The page's side of the protocol: one worker per run. A worker is created ahead of time so the
 * backend badge is known before the first run and the first run starts without a wait; after a run
 * it is terminated (the only full release of the GPU) and a fresh one is warmed up.
 */
import type { RunConfig } from '../engine/config/schema';
import type { RunEvent } from '../engine/training/events';
import type { WiseFtPoint } from '../engine/training/wiseFt';
import type { BackendName, BackendReport, PageToWorker, WorkerToPage } from '../protocol/messages';

export interface WorkerClientCallbacks {
  onBackend(report: BackendReport): void;
  onWiseFt?(runId: string, result: { points: WiseFtPoint[] } | { error: string }): void;
  onEvents(runId: string, events: RunEvent[]): void;
  onControl(runId: string, state: 'paused' | 'running' | 'stopping'): void;
  /** the run (or the worker itself, runId null) failed; the worker has been replaced */
  onFailed(runId: string | null, message: string): void;
}

export class TrainingWorkerClient {
  private worker: Worker | null = null;
  private runId: string | null = null;
  /** the worker of the last finished run, kept for post-run tools until the next run starts */
  private finished: { worker: Worker; runId: string } | null = null;

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
    if (m.type === 'wiseFt' || m.type === 'wiseFtFailed') {
      if (worker === this.worker || worker === this.finished?.worker) {
        this.callbacks.onWiseFt?.(m.runId, m.type === 'wiseFt' ? { points: m.points } : { error: m.message });
      }
      return;
    }
    if (worker !== this.worker) return; // a terminated or finished worker's late message
    switch (m.type) {
      case 'backend': this.callbacks.onBackend(m.report); break;
      case 'control': this.callbacks.onControl(m.runId, m.state); break;
      case 'events':
        this.callbacks.onEvents(m.runId, m.events);
        if (m.events.some((e) => e.type === 'done')) this.keepFinished();
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

  /** The run is over: its worker stays for post-run tools, a fresh worker warms up for the next run. */
  private keepFinished(): void {
    this.finished?.worker.terminate();
    this.finished = this.worker && this.runId ? { worker: this.worker, runId: this.runId } : null;
    this.worker = null;
    this.runId = null;
    this.warmUp();
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
    this.finished?.worker.terminate(); // releases the previous run's GPU memory
    this.finished = null;
    this.runId = runId;
    this.send({ type: 'start', runId, config });
  }

  pause(): void { if (this.runId) this.send({ type: 'pause', runId: this.runId }); }
  resume(): void { if (this.runId) this.send({ type: 'resume', runId: this.runId }); }
  stop(): void { if (this.runId) this.send({ type: 'stop', runId: this.runId }); }

  /** Asks the worker holding `runId` (paused, or finished) for a WiSE-FT curve. */
  requestWiseFt(runId: string, alphas: number[]): void {
    const worker = this.runId === runId ? this.worker : this.finished?.runId === runId ? this.finished.worker : null;
    if (!worker) {
      this.callbacks.onWiseFt?.(runId, { error: 'the network of this run is no longer in memory' });
      return;
    }
    worker.postMessage({ type: 'wiseFt', runId, alphas } satisfies PageToWorker);
  }

  /** Kills the worker at once (a stop that does not wait for the current step). */
  terminate(): void {
    this.worker?.terminate();
    this.finished?.worker.terminate();
    this.worker = null;
    this.finished = null;
    this.runId = null;
  }
}
