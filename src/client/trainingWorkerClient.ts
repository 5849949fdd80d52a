/**
 * The page's side of the protocol: one worker per run. A worker is created ahead of time so the
 * backend badge is known before the first run and the first run starts without a wait; after a run
 * it is terminated (the only full release of the GPU) and a fresh one is warmed up.
 */
import type { RunConfig } from '../engine/config/schema';
import type { ModelInspection, ModelProblemCode } from '../engine/models/byo/types';
import type { RunEvent } from '../engine/training/events';
import type { WiseFtPoint } from '../engine/training/wiseFt';
import type { BackendMeasurement, BackendName, BackendPlan, BackendReport, ModelFilePayload, PageToWorker, WorkerToPage } from '../protocol/messages';
import { copyFiles } from './copyFiles';
import { measureBackend } from './measureBackend';
import { spawnTrainingWorker } from './spawnWorker';

export type ModelInspectionResult =
  | { ok: true; inspection: ModelInspection }
  | { ok: false; code: ModelProblemCode; message: string };

export type ModelExportResult =
  | { ok: true; modelJson: string; weights: ArrayBuffer }
  | { ok: false; message: string };

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
  /** the user's own models: their bytes stay on this page and are given to each run's worker */
  private readonly userModels = new Map<string, { files: ModelFilePayload[]; featureLayer: string }>();
  private readonly inspections = new Map<string, { worker: Worker; resolve(result: ModelInspectionResult): void }>();
  private inspectionCounter = 0;
  private readonly exports = new Map<string, { worker: Worker; resolve(result: ModelExportResult): void }>();
  private exportCounter = 0;
  /** idle workers that died one after another: past a few, something kills every worker and respawning is pointless */
  private idleDeaths = 0;

  constructor(private readonly callbacks: WorkerClientCallbacks, private plan: BackendPlan = { choice: 'auto' }) {
    this.warmUp();
  }

  /**
   * A new backend choice (a pin, a fresh measurement): an idle worker is replaced at once so the
   * badge says what the next run gets (where no backend could start, the new choice gets a try); a
   * training run keeps its backend, and the next worker uses the plan.
   */
  setPlan(plan: BackendPlan): void {
    this.plan = plan;
    if (!this.runId) this.retire();
  }

  /** Times training steps of `config` on exactly `backend`, in a fresh worker of its own. */
  measureBackend(backend: BackendName, config: RunConfig): Promise<BackendMeasurement> {
    return measureBackend({ backend, config, userModel: this.userModels.get(config.model) });
  }

  get activeRunId(): string | null {
    return this.runId;
  }

  private warmUp(): void {
    const worker = spawnTrainingWorker('training');
    worker.onmessage = (e: MessageEvent<WorkerToPage>) => this.handle(worker, e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.fail(worker, `the training worker crashed: ${e.message || 'unknown error'}`);
    };
    worker.onmessageerror = () => this.fail(worker, 'a message from the training worker could not be read');
    this.worker = worker;
    this.send({ type: 'init', plan: this.plan });
  }

  private handle(worker: Worker, m: WorkerToPage): void {
    if (m.type === 'lifeline') { this.watchLifeline(worker, m.lock); return; }
    if (m.type === 'modelInspection' || m.type === 'modelProblem') {
      const pending = this.inspections.get(m.requestId);
      this.inspections.delete(m.requestId);
      pending?.resolve(m.type === 'modelInspection' ? { ok: true, inspection: m.inspection } : { ok: false, code: m.code, message: m.message });
      return;
    }
    if (m.type === 'modelExport' || m.type === 'modelExportFailed') {
      const pending = this.exports.get(m.requestId);
      this.exports.delete(m.requestId);
      pending?.resolve(m.type === 'modelExport' ? { ok: true, modelJson: m.modelJson, weights: m.weights } : { ok: false, message: m.message });
      return;
    }
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
        if (m.events.some((e) => e.type === 'done')) { this.idleDeaths = 0; this.keepFinished(); }
        break;
      case 'failed': this.fail(worker, m.message, m.runId); break;
    }
  }

  private fail(worker: Worker, message: string, runId: string | null = this.runId): void {
    if (worker !== this.worker) return;
    this.callbacks.onFailed(runId, message);
    if (runId === null && this.runId === null) {
      // the worker could not start any backend: a new one would fail the same way
      this.dropInspections(this.worker);
      this.worker?.terminate();
      this.worker = null;
      return;
    }
    this.retire();
  }

  /**
   * Queues a request for the worker's lifeline lock: it is granted when the worker is gone. A worker
   * the page ended itself is no longer current by then and is ignored.
   */
  private watchLifeline(worker: Worker, lock: string): void {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    void locks?.request(lock, () => this.gone(worker)).catch(() => undefined);
  }

  private gone(worker: Worker): void {
    if (worker === this.finished?.worker) {
      this.dropInspections(worker);
      this.finished = null;
      return;
    }
    if (worker !== this.worker) return;
    if (this.runId) {
      this.fail(worker, 'the training worker stopped unexpectedly (killed by the browser, out of memory, or crashed), so the run could not finish');
      return;
    }
    if (++this.idleDeaths > 3) {
      this.callbacks.onFailed(null, 'the training worker keeps stopping as soon as it starts');
      this.dropInspections(worker);
      this.worker = null;
      return;
    }
    this.retire(); // an idle worker: a fresh one takes its place
  }

  /** The run is over: its worker stays for post-run tools, a fresh worker warms up for the next run. */
  private keepFinished(): void {
    this.dropInspections(this.finished?.worker);
    this.finished?.worker.terminate();
    this.finished = this.worker && this.runId ? { worker: this.worker, runId: this.runId } : null;
    this.worker = null;
    this.runId = null;
    this.warmUp();
  }

  /** Ends the current worker and warms up the next one. */
  private retire(): void {
    this.dropInspections(this.worker);
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
    this.dropInspections(this.finished?.worker);
    this.finished?.worker.terminate(); // releases the previous run's GPU memory
    this.finished = null;
    this.runId = runId;
    // each run has a fresh worker: give it the user's model first (messages are handled in order)
    const user = this.userModels.get(config.model);
    if (user && this.worker) {
      const { files, transfer } = copyFiles(user.files);
      this.worker.postMessage({ type: 'registerModel', modelId: config.model, files, featureLayer: user.featureLayer } satisfies PageToWorker, transfer);
    }
    this.send({ type: 'start', runId, config });
  }

  /**
   * Ends the active run's worker at once, for a stop before the first step: nothing is trained yet,
   * and the worker may be busy compiling for a minute before it would see a stop message.
   * Returns the run it ended, if any; a fresh worker warms up.
   */
  abort(): string | null {
    const runId = this.runId;
    if (runId) this.retire();
    return runId;
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

  /** Asks the worker holding `runId` (paused, or finished) for its fine-tuned network as layers-model files. */
  exportModel(runId: string): Promise<ModelExportResult> {
    const worker = this.runId === runId ? this.worker : this.finished?.runId === runId ? this.finished.worker : null;
    if (!worker) return Promise.resolve({ ok: false, message: 'the network of this run is no longer in memory (only the latest run’s is kept)' });
    const requestId = `export-${++this.exportCounter}`;
    return new Promise((resolve) => {
      this.exports.set(requestId, { worker, resolve });
      worker.postMessage({ type: 'exportModel', runId, requestId } satisfies PageToWorker);
    });
  }

  /** Asks the current worker to check and inspect a user's model. */
  inspectModel(name: string, files: readonly ModelFilePayload[]): Promise<ModelInspectionResult> {
    const worker = this.worker;
    if (!worker) return Promise.resolve({ ok: false, code: 'unavailable', message: 'no training worker is running (no backend could start), so the model cannot be opened' });
    const requestId = `inspect-${++this.inspectionCounter}`;
    return new Promise((resolve) => {
      this.inspections.set(requestId, { worker, resolve });
      const copy = copyFiles(files);
      worker.postMessage({ type: 'inspectModel', requestId, name, files: copy.files } satisfies PageToWorker, copy.transfer);
    });
  }

  /** Keeps a user model's bytes here so every later run's worker can be given it (they never leave the page). */
  rememberModel(modelId: string, files: readonly ModelFilePayload[], featureLayer: string): void {
    this.userModels.set(modelId, { files: [...files], featureLayer });
  }

  setModelFeatureLayer(modelId: string, featureLayer: string): void {
    const user = this.userModels.get(modelId);
    if (user) user.featureLayer = featureLayer;
  }

  forgetModel(modelId: string): void {
    this.userModels.delete(modelId);
  }

  /** Inspections (and model exports) a terminated worker will never answer. */
  private dropInspections(worker: Worker | null | undefined): void {
    for (const [id, p] of this.exports) {
      if (p.worker !== worker) continue;
      this.exports.delete(id);
      p.resolve({ ok: false, message: 'the training worker was released before it saved the network' });
    }
    for (const [id, p] of this.inspections) {
      if (p.worker !== worker) continue;
      this.inspections.delete(id);
      p.resolve({ ok: false, code: 'unavailable', message: 'the training worker stopped before it finished looking at the model; try again' });
    }
  }

  /** Kills the worker at once (a stop that does not wait for the current step). */
  terminate(): void {
    this.dropInspections(this.worker);
    this.worker?.terminate();
    this.dropInspections(this.finished?.worker);
    this.finished?.worker.terminate();
    this.worker = null;
    this.finished = null;
    this.runId = null;
  }
}
