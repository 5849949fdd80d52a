/**
 * The page's training workers: one worker per run, up to `slots` runs at once. One worker is warmed
 * up ahead of time (its backend report is the badge's, and the next run starts without a wait). A
 * finished run's worker is kept for post-run tools (WiSE-FT, model download) until the next run
 * starts: ending a worker is the only full release of its GPU memory.
 */
import type { RunConfig } from '../engine/config/schema';
import type { ModelInspection } from '../engine/models/byo/types';
import type { UserDataset } from '../engine/data/user/userDataset';
import type { RunEvent, RunSummary } from '../engine/training/events';
import type { WiseFtPoint } from '../engine/training/wiseFt';
import type { BackendMeasurement, BackendName, BackendPlan, BackendReport, ControlState, ModelFilePayload } from '../protocol/messages';
import { copyFiles } from './copyFiles';
import { measureBackend } from './measureBackend';
import { WorkerConnection, WorkerRequestError } from './workerConnection';

export interface PoolEvents {
  /** the warm worker's backend, or why no backend could start */
  onBackend(result: { report: BackendReport } | { error: string }): void;
  onEvents(runId: string, events: RunEvent[]): void;
  onControl(runId: string, state: ControlState): void;
  /** a run ended: its summary (completed, stopped, diverged), or why it failed */
  onEnded(runId: string, outcome: { summary: RunSummary } | { error: string }): void;
}

/** What the store needs of the workers; the page's is the pool, tests may run the engine in-process. */
export interface RunWorkers {
  /** runs that can start now */
  readonly free: number;
  setSlots(slots: number): void;
  setPlan(plan: BackendPlan): void;
  /** `evalAside`: the cores allow the run to evaluate beside training (concurrency.ts) */
  start(runId: string, config: RunConfig, opts?: { evalAside?: boolean }): void;
  pause(runId: string): void;
  resume(runId: string): void;
  stop(runId: string): void;
  /** ends a run's worker at once (a stop before its first step); true if it was running */
  abort(runId: string): boolean;
  /** whether the run's network is still in memory (training, or finished and kept) */
  holds(runId: string): boolean;
  wiseFt(runId: string, alphas: number[]): Promise<WiseFtPoint[]>;
  exportModel(runId: string): Promise<{ modelJson: string; weights: ArrayBuffer }>;
  inspectModel(name: string, files: readonly ModelFilePayload[]): Promise<ModelInspection>;
  measureBackend(backend: BackendName, config: RunConfig): Promise<BackendMeasurement>;
  rememberModel(modelId: string, files: readonly ModelFilePayload[], featureLayer: string): void;
  setModelFeatureLayer(modelId: string, featureLayer: string): void;
  forgetModel(modelId: string): void;
  /** a dataset of the user's own images that runs may train on (replaces one with the same id) */
  rememberDataset(dataset: UserDataset): void;
  forgetDataset(id: string): void;
}

interface Warm { conn: WorkerConnection; ready: Promise<BackendReport> }

export class WorkerPool implements RunWorkers {
  private warm: Warm | null = null;
  private readonly running = new Map<string, WorkerConnection>();
  /** finished runs whose workers are kept, oldest first */
  private readonly kept: { runId: string; conn: WorkerConnection }[] = [];
  /** the user's own models: their bytes stay on this page and are given to each run's worker */
  private readonly userModels = new Map<string, { files: ModelFilePayload[]; featureLayer: string }>();
  /** the user's own datasets by id, copied to each run's worker that trains on one */
  private readonly userDatasets = new Map<string, UserDataset>();
  /** idle workers that died one after another: past a few, something kills every worker and respawning is pointless */
  private idleDeaths = 0;

  constructor(private readonly events: PoolEvents, private plan: BackendPlan = { choice: 'auto' }, private slots = 1) {
    this.warmUp();
  }

  get free(): number {
    return Math.max(0, this.slots - this.running.size);
  }

  setSlots(slots: number): void {
    this.slots = Math.max(1, Math.floor(slots));
  }

  /**
   * A new backend choice (a pin, a fresh measurement): an idle warm worker is replaced at once so
   * the badge says what the next run gets (where no backend could start, the new choice gets a
   * try); training runs keep their backend.
   */
  setPlan(plan: BackendPlan): void {
    this.plan = plan;
    if (this.running.size > 0) return;
    this.warm?.conn.end();
    this.warm = null;
    this.idleDeaths = 0;
    this.warmUp();
  }

  private warmUp(): void {
    const conn = new WorkerConnection('training', (reason) => this.lost(conn, reason));
    const ready = conn.request({ type: 'init', plan: this.plan });
    const warm = { conn, ready };
    this.warm = warm;
    ready.then(
      (report) => { if (this.warm === warm) this.events.onBackend({ report }); },
      (e: WorkerRequestError) => {
        if (this.warm !== warm || e.workerGone) return;
        // no backend could start: a new worker would fail the same way, until the plan changes
        this.warm = null;
        conn.end();
        this.events.onBackend({ error: e.message });
      },
    );
  }

  /** A worker ended by itself (crashed, killed, closed after losing its device). */
  private lost(conn: WorkerConnection, reason: string): void {
    const kept = this.kept.findIndex((k) => k.conn === conn);
    if (kept >= 0) this.kept.splice(kept, 1);
    if (this.warm?.conn !== conn) return; // a running one fails through its start request
    this.warm = null;
    if (++this.idleDeaths > 3) {
      this.events.onBackend({ error: `the training worker keeps stopping as soon as it starts (${reason})` });
      return;
    }
    this.warmUp();
  }

  /** Ends kept workers, oldest first, until at most `keep` are left. */
  private trimKept(keep: number): void {
    while (this.kept.length > keep) this.kept.shift()!.conn.end();
  }

  start(runId: string, config: RunConfig, opts: { evalAside?: boolean } = {}): void {
    if (this.free === 0) throw new Error(`${this.running.size} runs are training: no free slot for ${runId}`);
    this.trimKept(0); // a new run releases the finished runs' networks
    const warm = this.warm ?? (this.warmUp(), this.warm!);
    this.warm = null;
    const { conn, ready } = warm;
    this.running.set(runId, conn);
    // each run has a fresh worker: give it the user's model first (requests are handled in order)
    const user = this.userModels.get(config.model);
    if (user) {
      const { files, transfer } = copyFiles(user.files);
      void conn.request({ type: 'registerModel', modelId: config.model, files, featureLayer: user.featureLayer }, { transfer }).catch(() => undefined);
    }
    const own = this.userDatasets.get(config.dataset);
    if (own) void conn.request({ type: 'registerDataset', dataset: own }).catch(() => undefined);
    ready
      .then(() => conn.request({ type: 'start', runId, config, evalAside: opts.evalAside === true }, { onEvents: (events) => this.events.onEvents(runId, events) }))
      .then((summary) => this.finish(runId, conn, { summary }), (e: Error) => this.finish(runId, conn, { error: e.message }));
  }

  private finish(runId: string, conn: WorkerConnection, outcome: { summary: RunSummary } | { error: string }): void {
    if (this.running.get(runId) !== conn) return; // aborted: the page has settled it already
    this.running.delete(runId);
    if ('summary' in outcome && conn.alive) {
      this.kept.push({ runId, conn });
      this.trimKept(this.slots);
    } else {
      conn.end();
    }
    this.idleDeaths = 0;
    if (!this.warm) this.warmUp();
    this.events.onEnded(runId, outcome);
  }

  abort(runId: string): boolean {
    const conn = this.running.get(runId);
    if (!conn) return false;
    this.running.delete(runId);
    conn.end('stopped before its first step');
    if (!this.warm) this.warmUp();
    return true;
  }

  private control(runId: string, type: 'pause' | 'resume' | 'stop'): void {
    this.running.get(runId)?.request({ type, runId }).then((state) => this.events.onControl(runId, state), () => undefined);
  }

  pause(runId: string): void { this.control(runId, 'pause'); }
  resume(runId: string): void { this.control(runId, 'resume'); }
  stop(runId: string): void { this.control(runId, 'stop'); }

  holds(runId: string): boolean {
    return this.running.has(runId) || this.kept.some((k) => k.runId === runId);
  }

  private holder(runId: string): WorkerConnection {
    const conn = this.running.get(runId) ?? this.kept.find((k) => k.runId === runId)?.conn;
    if (!conn) throw new WorkerRequestError('the network of this run is no longer in memory (only the latest runs’ are kept)');
    return conn;
  }

  wiseFt(runId: string, alphas: number[]): Promise<WiseFtPoint[]> {
    return Promise.resolve().then(() => this.holder(runId).request({ type: 'wiseFt', runId, alphas }));
  }

  exportModel(runId: string): Promise<{ modelJson: string; weights: ArrayBuffer }> {
    return Promise.resolve().then(() => this.holder(runId).request({ type: 'exportModel', runId }));
  }

  /** Has the warm worker check and inspect a user's model. */
  inspectModel(name: string, files: readonly ModelFilePayload[]): Promise<ModelInspection> {
    if (!this.warm) return Promise.reject(new WorkerRequestError('no training worker is running (no backend could start), so the model cannot be opened', 'unavailable'));
    const { files: copies, transfer } = copyFiles(files);
    return this.warm.conn.request({ type: 'inspectModel', name, files: copies }, { transfer }).catch((e: WorkerRequestError) => {
      throw e.workerGone ? new WorkerRequestError('the training worker stopped before it finished looking at the model; try again', 'unavailable') : e;
    });
  }

  /** Times training steps of `config` on exactly `backend`, in a fresh worker of its own. */
  measureBackend(backend: BackendName, config: RunConfig): Promise<BackendMeasurement> {
    return measureBackend({ backend, config, userModel: this.userModels.get(config.model), userDataset: this.userDatasets.get(config.dataset) });
  }

  /** Keeps a user model's bytes here so every later run's worker can be given it (they never leave the page). */
  rememberModel(modelId: string, files: readonly ModelFilePayload[], featureLayer: string): void {
    this.userModels.set(modelId, { files: [...files], featureLayer });
  }

  setModelFeatureLayer(modelId: string, featureLayer: string): void {
    const user = this.userModels.get(modelId);
    if (user) user.featureLayer = featureLayer;
  }

  rememberDataset(dataset: UserDataset): void {
    this.userDatasets.set(dataset.id, dataset);
  }

  forgetDataset(id: string): void {
    this.userDatasets.delete(id);
  }

  forgetModel(modelId: string): void {
    this.userModels.delete(modelId);
  }

  /** Ends every worker (the page is going away). */
  endAll(): void {
    this.warm?.conn.end();
    this.warm = null;
    for (const conn of this.running.values()) conn.end();
    this.running.clear();
    for (const k of this.kept.splice(0)) k.conn.end();
  }
}
