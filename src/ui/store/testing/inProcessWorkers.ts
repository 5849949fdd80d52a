/**
 * The store's training workers for tests in Node: the real engine, in this process, one session
 * per run (TrainingSession on the active TF.js backend), with the pool's contract — free slots,
 * events, control, post-run tools and the end of each run. Runs side by side interleave at each
 * step's checkpoint, as a page's workers run at once.
 */
import * as tf from '@tensorflow/tfjs';
import type { AssetReader } from '../../../engine/assets';
import type { RunConfig } from '../../../engine/config/schema';
import type { ModelInspection } from '../../../engine/models/byo/types';
import type { UserDataset } from '../../../engine/data/user/userDataset';
import { inThreadAside } from '../../../engine/training/evalReplica';
import { TrainingSession } from '../../../engine/training/session';
import type { PoolEvents, RunWorkers } from '../../../client/workerPool';
import type { BackendMeasurement, BackendName, BackendPlan, BackendReport, ModelFilePayload } from '../../../protocol/messages';

interface Running { session: TrainingSession | null; paused: boolean; stop: boolean; resume?: () => void }

export class InProcessWorkers implements RunWorkers {
  private slots = 1;
  private readonly running = new Map<string, Running>();
  private readonly kept = new Map<string, TrainingSession>();
  private readonly datasets = new Map<string, UserDataset>();
  readonly started: string[] = [];
  /** whether each run was asked to evaluate beside training (done here by a replica in this thread) */
  readonly evalAside = new Map<string, boolean>();

  constructor(private readonly events: PoolEvents, private readonly reader: AssetReader) {
    const report: BackendReport = { backend: tf.getBackend() as BackendName, reason: 'in-process engine (tests)', chosenBy: 'auto', attempts: [] };
    setTimeout(() => events.onBackend({ report }), 0);
  }

  get free(): number { return Math.max(0, this.slots - this.running.size); }
  setSlots(slots: number): void { this.slots = slots; }
  setPlan(_plan: BackendPlan): void { /* one backend in-process */ }

  start(runId: string, config: RunConfig, opts: { evalAside?: boolean } = {}): void {
    if (this.free === 0) throw new Error('no free slot');
    for (const s of this.kept.values()) s.dispose();
    this.kept.clear();
    const run: Running = { session: null, paused: false, stop: false };
    this.running.set(runId, run);
    this.started.push(runId);
    this.evalAside.set(runId, opts.evalAside === true);
    void (async () => {
      try {
        run.session = await TrainingSession.open(config, {
          reader: this.reader,
          datasets: (id) => this.datasets.get(id),
          evalAside: opts.evalAside ? inThreadAside(config, { reader: this.reader, datasets: (id) => this.datasets.get(id) }) : undefined,
          emit: (e) => this.events.onEvents(runId, [e]),
          control: {
            checkpoint: async () => {
              await new Promise((r) => setTimeout(r, 0));
              while (run.paused && !run.stop) await new Promise<void>((r) => { run.resume = r; });
              return run.stop;
            },
          },
        });
        const summary = await run.session.train();
        this.running.delete(runId);
        this.kept.set(runId, run.session);
        this.events.onEnded(runId, { summary });
      } catch (e) {
        this.running.delete(runId);
        run.session?.dispose();
        this.events.onEnded(runId, { error: e instanceof Error ? e.message : String(e) });
      }
    })();
  }

  pause(runId: string): void { const r = this.running.get(runId); if (r) { r.paused = true; this.events.onControl(runId, 'paused'); } }
  resume(runId: string): void { const r = this.running.get(runId); if (r) { r.paused = false; r.resume?.(); this.events.onControl(runId, 'running'); } }
  stop(runId: string): void { const r = this.running.get(runId); if (r) { r.stop = true; r.resume?.(); this.events.onControl(runId, 'stopping'); } }
  abort(): boolean { return false; }
  holds(runId: string): boolean { return this.running.has(runId) || this.kept.has(runId); }

  wiseFt(runId: string, alphas: number[]) {
    const s = this.kept.get(runId);
    return s ? s.wiseFt(alphas) : Promise.reject(new Error('the network of this run is no longer in memory'));
  }

  async exportModel(runId: string) {
    const s = this.kept.get(runId);
    if (!s) throw new Error('the network of this run is no longer in memory');
    const { modelJson, weights } = await s.exportModel();
    return { modelJson, weights: weights.slice().buffer };
  }

  inspectModel(): Promise<ModelInspection> { return Promise.reject(new Error('not in these tests')); }
  measureBackend(backend: BackendName): Promise<BackendMeasurement> { return Promise.resolve({ backend, ok: false, error: 'not in these tests' }); }
  rememberModel(_id: string, _files: readonly ModelFilePayload[], _layer: string): void { /* no user models in these tests */ }
  setModelFeatureLayer(): void { /* no user models */ }
  forgetModel(): void { /* no user models */ }
  rememberDataset(d: UserDataset): void { this.datasets.set(d.id, d); }
  forgetDataset(id: string): void { this.datasets.delete(id); }

  /** Releases every kept session (end of a test). */
  dispose(): void {
    for (const s of this.kept.values()) s.dispose();
    this.kept.clear();
  }
}
