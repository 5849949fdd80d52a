/**
 * Runs training now: up to `parallel.runs` at once, one worker each (src/client/workerPool.ts). The
 * queue starts the next runs as slots free up, however a run ended; Train starts the edited config
 * at once. Pause, resume and stop act on one run (the focused one by default); WiSE-FT and the
 * model download ask the worker that still holds a run's network.
 */
import type { RunConfig } from '../../engine/config/schema';
import { validateConfig } from '../../engine/config/validate';
import { userDatasetLookup } from './userDatasets';
import type { RunEvent } from '../../engine/training/events';
import { autoParallelRuns, evaluationAside, type Hardware } from '../../client/concurrency';
import type { PoolEvents, RunWorkers } from '../../client/workerPool';
import type { BackendReport, ControlState } from '../../protocol/messages';
import type { RunHistory } from '../history/runHistory';
import { runLabel } from '../runs/configDiff';
import { newRunId } from '../runs/queue';
import { keepEvent, type RunEntry } from '../runs/runEntry';
import type { StoreKit } from './kit';
import type { FocusPolicy } from './runsSlice';
import { applyEvent, failRun, finishWiseFt, newRunView } from './runView';
import { lookupModel } from './userModels';

export type ModelExportResult =
  | { ok: true; modelJson: string; weights: ArrayBuffer }
  | { ok: false; message: string };

export interface ParallelRuns {
  /** how many runs train at once now */
  runs: number;
  /** the page's choice for this hardware and backend, and why */
  auto: number;
  reason: string;
  /** the user's own number, or null for auto */
  chosen: number | null;
  /** the most runs at once that still evaluate beside training here (0: none do; estimates read it) */
  asideUpTo: number;
}

export interface TrainingSlice {
  backend: BackendReport | null;
  /** no worker could start any backend */
  backendError: string | null;
  /** the runs training now, in the order they started */
  activeIds: string[];
  /** runs whose trained network a worker still holds (model download, WiSE-FT) */
  heldIds: string[];
  parallel: ParallelRuns;
  /** trains the edited config now (nothing else is training) */
  train(): void;
  /** these act on `id`, or the focused run when it trains, or else every run training */
  pause(id?: string): void;
  resume(id?: string): void;
  stop(id?: string): void;
  /** WiSE-FT curve of the focused run (paused or finished) over `alphas` */
  requestWiseFt(alphas: number[]): void;
  /** the fine-tuned network of a paused or finished run, as layers-model files */
  exportModel(id: string): Promise<ModelExportResult>;
  /** runs at once: a number, or null for the page's choice */
  setParallelRuns(runs: number | null): void;
}

export interface TrainingWiring {
  slice: TrainingSlice;
  /** what the workers report, for the pool */
  events: PoolEvents;
  /** starts queued runs while slots are free (deferred: a worker finishes its bookkeeping first) */
  schedulePump(): void;
}

export function createTrainingSlice(kit: StoreKit, deps: { workers: () => RunWorkers | null; history: RunHistory; focus: FocusPolicy; hardware: Hardware }): TrainingWiring {
  const { get, set, commit, entry, updateEntry, updateView } = kit;
  let pumpScheduled = false;

  const held = () => get().runs.filter((r) => deps.workers()?.holds(r.id)).map((r) => r.id);

  /** Starts a run now (a slot is free); `runsAtOnce`: how many will train beside it. */
  function begin(id: string, label: string, config: RunConfig, runsAtOnce: number): void {
    const s = get();
    const created: RunEntry = { id, label, origin: 'local', createdAt: Date.now(), view: newRunView(id, config), kept: [], ending: null };
    commit({ runs: [...s.runs, created], activeIds: [...s.activeIds, id], focusId: deps.focus.followActive || !s.focusId ? id : s.focusId });
    try {
      deps.workers()!.start(id, config, { evalAside: s.backend !== null && evaluationAside(s.backend, deps.hardware, runsAtOnce) });
    } catch (e) {
      updateView(id, (v) => failRun(v, e instanceof Error ? e.message : String(e)));
      ended(id);
      return;
    }
    set({ heldIds: held() });
    void deps.history.save(created, true);
  }

  /** The run ended (done, failed or aborted): free its slot and start what waits. */
  function ended(id: string): void {
    set({ activeIds: get().activeIds.filter((a) => a !== id), heldIds: held() });
    const e = entry(id);
    if (e) void deps.history.save(e, false);
    schedulePump();
  }

  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setTimeout(() => { pumpScheduled = false; pump(); }, 0);
  }

  function pump(): void {
    const workers = deps.workers();
    for (;;) {
      const s = get();
      if (!workers || !s.backend || s.backendError || s.measure.state === 'running' || s.queue.length === 0) return;
      if (workers.free === 0 || s.activeIds.length >= s.parallel.runs) return;
      const [next, ...rest] = s.queue;
      // the runs that will train at once while this one does: a slot's worth, or what is left to run
      const runsAtOnce = Math.min(s.parallel.runs, s.activeIds.length + s.queue.length);
      commit({ queue: rest });
      const validation = validateConfig(next.config, (id) => lookupModel(get().userModels, id), userDatasetLookup(get().userDatasets));
      if (validation.ok) {
        begin(next.id, next.label, validation.config, runsAtOnce);
        continue;
      }
      // a queued run that can no longer start (its model was removed) is marked, and the queue goes on
      const failed = failRun(newRunView(next.id, next.config), `could not start: ${validation.errors.map((e) => e.message).join('; ')}`);
      const e: RunEntry = { id: next.id, label: next.label, origin: 'local', createdAt: Date.now(), view: failed, kept: [], ending: null };
      commit({ runs: [...get().runs, e] });
      void deps.history.save(e, true);
    }
  }

  /** The runs a control acts on: the one named, the focused one while it trains, or every one training. */
  function targets(id?: string): string[] {
    const { activeIds, focusId } = get();
    if (id) return activeIds.includes(id) ? [id] : [];
    return focusId && activeIds.includes(focusId) ? [focusId] : activeIds;
  }

  function setParallel(chosen: number | null, report: BackendReport | null): void {
    const auto = report ? autoParallelRuns(report, deps.hardware) : { runs: 1, reason: 'one run at a time until a backend is known' };
    const runs = chosen ?? auto.runs;
    let asideUpTo = 0;
    while (report && asideUpTo < 64 && evaluationAside(report, deps.hardware, asideUpTo + 1)) asideUpTo++;
    set({ parallel: { runs, auto: auto.runs, reason: auto.reason, chosen, asideUpTo } });
    deps.workers()?.setSlots(runs);
    schedulePump();
  }

  const events: PoolEvents = {
    onBackend(result) {
      if ('report' in result) {
        set({ backend: result.report, backendError: null });
        setParallel(get().parallel.chosen, result.report);
      } else if (get().activeIds.length === 0) {
        set({ backendError: result.error });
      }
    },
    onEvents(runId: string, batch: RunEvent[]) {
      if (!entry(runId)) return;
      const updated = updateEntry(runId, (r) => ({ ...r, view: batch.reduce(applyEvent, r.view), kept: r.kept.concat(batch.filter(keepEvent)) }))!;
      if (batch.some((ev) => ev.type === 'eval')) void deps.history.save(updated, false);
    },
    onControl(runId: string, state: ControlState) {
      if (!entry(runId)) return;
      const message = state === 'paused' ? 'paused' : state === 'stopping' ? 'stopping after this step' : 'training';
      updateView(runId, (run) => ({ ...run, status: state === 'paused' ? 'paused' : run.status === 'paused' ? 'training' : run.status, message }));
    },
    onEnded(runId, outcome) {
      if (!get().activeIds.includes(runId)) return;
      if ('error' in outcome) updateView(runId, (v) => failRun(v, outcome.error));
      ended(runId);
    },
  };

  const slice: TrainingSlice = {
    backend: null,
    backendError: null,
    activeIds: [],
    heldIds: [],
    parallel: { runs: 1, auto: 1, reason: 'one run at a time until a backend is known', chosen: null, asideUpTo: 0 },
    train() {
      const { validation, activeIds, measure } = get();
      if (!validation.ok || activeIds.length > 0 || !deps.workers() || measure.state === 'running') return;
      deps.focus.followActive = true;
      begin(newRunId(), runLabel(validation.config, validation.config), validation.config, 1);
    },
    pause(id) { for (const t of targets(id)) deps.workers()?.pause(t); },
    resume(id) { for (const t of targets(id)) deps.workers()?.resume(t); },
    stop(id) {
      for (const t of targets(id)) {
        const view = entry(t)?.view;
        // before its first step a run has nothing to keep: end its worker now rather than after compiling
        if (view && view.progress.step === 0 && view.loss.length === 0 && deps.workers()?.abort(t)) {
          updateView(t, (v) => ({ ...v, status: 'stopped', message: 'stopped before its first step' }));
          ended(t);
        } else {
          deps.workers()?.stop(t);
        }
      }
    },
    requestWiseFt(alphas) {
      const run = get().run;
      const workers = deps.workers();
      if (!run || !workers || run.wiseFt.state === 'running') return;
      updateView(run.id, (v) => ({ ...v, wiseFt: { state: 'running', alphas, step: v.progress.step, startedAt: Date.now() } }));
      const finish = (result: Parameters<typeof finishWiseFt>[1]) => {
        if (entry(run.id)) updateView(run.id, (v) => ({ ...v, wiseFt: finishWiseFt(v.wiseFt, result, Date.now()) }));
      };
      workers.wiseFt(run.id, alphas).then((points) => finish({ points }), (e: Error) => finish({ error: e.message }));
    },
    async exportModel(id) {
      const workers = deps.workers();
      if (!workers) return { ok: false, message: 'no training worker is running' };
      try {
        return { ok: true, ...(await workers.exportModel(id)) };
      } catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
      }
    },
    setParallelRuns(runs) {
      setParallel(runs === null ? null : Math.max(1, Math.floor(runs)), get().backend);
    },
  };
  return { slice, events, schedulePump };
}
