/**
 * The page's state: the config being edited (validated on every change), the backend the worker
 * found, and the runs: every run the page knows (this session's, the saved history's, imported
 * ones), the one in focus, the one training, and a queue of configs waiting to train. One run
 * trains at a time (one worker per run, one GPU); the queue starts the next when one ends, however
 * it ended. Components read it; only the actions here talk to the worker and the history.
 */
import { create } from 'zustand';
import type { MethodConfig, RunConfig } from '../../engine/config/schema';
import { DEFAULT_CONFIG, DEFAULT_MODEL_ID } from '../../engine/config/defaults';
import { zooLookup } from '../../engine/config/modelLookup';
import { validateConfig, type ModelLookup, type ValidationResult } from '../../engine/config/validate';
import { TrainingWorkerClient, type ModelExportResult } from '../../client/trainingWorkerClient';
import type { BackendChoice, BackendReport, ModelFilePayload } from '../../protocol/messages';
import { ImportError, readImportFiles, type ImportFile } from '../../protocol/runFile';
import {
  defaultHistoryBackend, holdTabLock, liveTabsFromLocks, RunHistory, type HistoryBackend, type HistoryStatus,
} from '../history/runHistory';
import { runLabel } from '../runs/configDiff';
import { compareConfigs, newRunId, type CompareLr, type QueuedRun } from '../runs/queue';
import { entryFromFileRun, keepEvent, type RunEntry } from '../runs/runEntry';
import { createBackendSlice, initialPlan, type BackendSlice } from './backendSlice';
import type { KeyValueStorage } from './measuredBackends';
import { applyEvent, failRun, finishWiseFt, newRunView, type RunView } from './runView';
import { lookupModel, userModelId, userModelName, type ByoStatus, type UserModel } from './userModels';

export type ConfigPatch = { [K in keyof RunConfig]?: RunConfig[K] extends object ? RunConfig[K] extends unknown[] ? RunConfig[K] : Partial<RunConfig[K]> : RunConfig[K] };

/** Which part of the main area shows: one run, the comparison, the list of runs, or the double-descent lab. */
export type MainView = 'run' | 'compare' | 'history' | 'lab';

export interface Comparison {
  /** runs (or queued runs) shown together, in the order they were asked for */
  ids: string[];
  /** the config row labels say the differences from */
  base: RunConfig;
  /** what the base is: the settings Compare was pressed with, or the first compared run's config */
  baseIs: 'settings' | 'first run';
}

export interface PageNotice {
  tone: 'ok' | 'error';
  text: string;
}

export interface PlaygroundState extends BackendSlice {
  config: RunConfig;
  validation: ValidationResult;
  backend: BackendReport | null;
  /** the worker could not start any backend */
  backendError: string | null;
  /** every run the page knows, oldest first */
  runs: RunEntry[];
  /** the run the single-run view shows */
  focusId: string | null;
  /** the run training now (one at a time), or null */
  activeId: string | null;
  /** configs waiting to train, next first */
  queue: QueuedRun[];
  /**
   * The run in focus (its view), derived from `runs` and `focusId` by the actions: read it, never
   * set it (selectRun in selectors.ts reads the same thing).
   */
  run: RunView | null;
  /** the run whose trained network the worker still holds (model download, WiSE-FT) */
  networkRunId: string | null;
  comparison: Comparison | null;
  view: MainView;
  historyStatus: HistoryStatus;
  /** the last import's outcome, or another message for the runs list */
  notice: PageNotice | null;
  setConfig(patch: ConfigPatch): void;
  replaceConfig(config: RunConfig): void;
  train(): void;
  pause(): void;
  resume(): void;
  /** stops the run training now; queued runs still start after it */
  stop(): void;
  /** WiSE-FT curve of the current run (paused or finished) over `alphas` */
  requestWiseFt(alphas: number[]): void;
  /** queues `methods` × `seeds` runs of the current config and shows their comparison */
  compare(methods: MethodConfig[], seeds: number, lr?: CompareLr): void;
  /** queues these runs as they are (the double-descent lab's sweep), without changing the view */
  queueRuns(items: QueuedRun[]): void;
  removeQueued(id: string): void;
  clearQueue(): void;
  /** shows these runs together in the compare view */
  compareRuns(ids: string[]): void;
  focusRun(id: string): void;
  setView(view: MainView): void;
  renameRun(id: string, label: string): void;
  deleteRun(id: string): void;
  /** validates and adds runs from files (a runs file, or a runner's events.jsonl + summary.json) */
  importFiles(files: ImportFile[]): Promise<void>;
  setNotice(notice: PageNotice | null): void;
  /** the fine-tuned network of a paused or finished run, as layers-model files */
  exportModel(id: string): Promise<ModelExportResult>;
  /** the user's own models (bring your own model), in the order they were added */
  userModels: UserModel[];
  byo: ByoStatus;
  /** has the worker check and inspect a user's model; if it can be used, adds and selects it */
  addUserModel(files: ModelFilePayload[], opts: { name?: string; origin: string }): Promise<void>;
  /** a problem the page found itself (sizes, a failed fetch), or the page's own progress */
  setByoStatus(status: ByoStatus): void;
  setUserFeatureLayer(id: string, featureLayer: string): void;
  removeUserModel(id: string): void;
}

export interface StoreOptions {
  /** auto, or the backend the link pinned */
  backendChoice?: BackendChoice;
  /** where Measure backends winners are kept (default: localStorage) */
  measuredStorage?: KeyValueStorage | null;
  initialConfig?: RunConfig;
  /** where finished runs are kept across reloads; null: nowhere (default: IndexedDB where the browser has it) */
  history?: HistoryBackend | null;
}

const MAX_LABEL = 200;

export function createPlaygroundStore(opts: StoreOptions = {}) {
  let client: TrainingWorkerClient | null = null;
  /** a new run takes the focus while the user has not turned to another run */
  let followActive = true;
  let pumpScheduled = false;
  const tab = newRunId().replace(/^run-/, 'tab-');
  const backendStore = opts.history === undefined ? defaultHistoryBackend() : opts.history;
  if (backendStore) holdTabLock(tab);
  const channel = backendStore && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('ftp-history') : null;

  const userAgent = globalThis.navigator?.userAgent ?? 'unknown browser';
  const backendDeps = { client: () => client, userAgent, storage: opts.measuredStorage, measured: () => schedulePump() };
  const choice = opts.backendChoice ?? 'auto';

  const store = create<PlaygroundState>()((set, get) => {
    const initial = opts.initialConfig ?? DEFAULT_CONFIG;
    // shipped models, then the user's own
    const lookup: ModelLookup = (id) => lookupModel(get().userModels, id);
    return {
      ...createBackendSlice<PlaygroundState>(set, get, backendDeps, choice),
      config: initial,
      validation: validateConfig(initial, zooLookup),
      backend: null,
      backendError: null,
      runs: [],
      focusId: null,
      activeId: null,
      queue: [],
      run: null,
      networkRunId: null,
      comparison: null,
      view: 'run',
      historyStatus: backendStore ? { state: 'opening' } : { state: 'off', reason: 'this browser offers no IndexedDB' },
      notice: null,
      setConfig(patch) {
        const current = get().config;
        const next = { ...current } as Record<string, unknown>;
        for (const [k, v] of Object.entries(patch)) {
          const old = (current as Record<string, unknown>)[k];
          next[k] = v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object' ? { ...old, ...v } : v;
        }
        get().replaceConfig(next as RunConfig);
      },
      replaceConfig(config) {
        set({ config, validation: validateConfig(config, lookup) });
      },
      train() {
        const { validation, activeId, measure } = get();
        if (!validation.ok || activeId || !client || measure.state === 'running') return;
        followActive = true;
        begin(newRunId(), runLabel(validation.config, validation.config), validation.config);
      },
      pause() { client?.pause(); },
      resume() { client?.resume(); },
      stop() {
        const { activeId } = get();
        const view = activeId ? entry(activeId)?.view : undefined;
        // before its first step a run has nothing to keep: end its worker now rather than after compiling
        if (activeId && view && view.progress.step === 0 && view.loss.length === 0 && client?.abort() === activeId) {
          updateView(activeId, (v) => ({ ...v, status: 'stopped', message: 'stopped before its first step' }));
          ended(activeId, false);
          return;
        }
        client?.stop();
      },
      requestWiseFt(alphas) {
        const run = get().run;
        if (!run || !client || run.wiseFt.state === 'running') return;
        updateView(run.id, (v) => ({ ...v, wiseFt: { state: 'running', alphas, step: v.progress.step, startedAt: Date.now() } }));
        client.requestWiseFt(run.id, alphas);
      },
      compare(methods, seeds, lr = 'suggested') {
        const { validation } = get();
        if (!validation.ok || methods.length === 0) return;
        const base = validation.config;
        const items = compareConfigs(base, methods, seeds, lr).map((config) => ({ id: newRunId(), label: runLabel(base, config), config }));
        followActive = true;
        commit({ queue: [...get().queue, ...items], comparison: { ids: items.map((i) => i.id), base, baseIs: 'settings' }, view: 'compare' });
        schedulePump();
      },
      queueRuns(items) {
        if (items.length === 0) return;
        commit({ queue: [...get().queue, ...items] });
        schedulePump();
      },
      removeQueued(id) {
        const { queue, comparison } = get();
        commit({
          queue: queue.filter((q) => q.id !== id),
          comparison: comparison && { ...comparison, ids: comparison.ids.filter((c) => c !== id) },
        });
      },
      clearQueue() {
        const { queue, comparison } = get();
        const gone = new Set(queue.map((q) => q.id));
        commit({ queue: [], comparison: comparison && { ...comparison, ids: comparison.ids.filter((c) => !gone.has(c)) } });
      },
      compareRuns(ids) {
        const first = get().runs.find((r) => r.id === ids[0]);
        if (!first) return;
        // runs from different sessions: labels read against the first of them, not today's settings
        commit({ comparison: { ids, base: first.view.config, baseIs: 'first run' }, view: 'compare' });
      },
      focusRun(id) {
        if (!get().runs.some((r) => r.id === id)) return;
        followActive = id === get().activeId;
        commit({ focusId: id, view: 'run' });
      },
      setView(view) { set({ view }); },
      renameRun(id, label) {
        const clean = label.trim().slice(0, MAX_LABEL);
        if (!clean) return;
        commit({ runs: get().runs.map((r) => (r.id === id ? { ...r, label: clean } : r)) });
        void history.rename(id, clean);
      },
      deleteRun(id) {
        const { runs, activeId, focusId, comparison, networkRunId } = get();
        if (id === activeId) return;
        const rest = runs.filter((r) => r.id !== id);
        commit({
          runs: rest,
          focusId: focusId === id ? activeId ?? null : focusId,
          comparison: comparison && { ...comparison, ids: comparison.ids.filter((c) => c !== id) },
          networkRunId: networkRunId === id ? null : networkRunId,
        });
        void history.remove(id);
      },
      async importFiles(files) {
        if (files.length === 0) return;
        try {
          const { runs: fileRuns, notes } = await readImportFiles(files);
          if (fileRuns.length === 0) { set({ notice: { tone: 'error', text: `${files.map((f) => f.name).join(', ')} holds no runs` } }); return; }
          const known = new Set(get().runs.filter((r) => r.origin === 'imported' && r.sourceId).map((r) => r.sourceId));
          const now = Date.now();
          const added: RunEntry[] = [];
          let already = 0;
          for (const run of fileRuns) {
            if (run.id && known.has(run.id)) { already++; continue; }
            const id = newRunId(now);
            const label = (run.label?.trim() || runLabel(run.config, run.config)).slice(0, MAX_LABEL);
            added.push(entryFromFileRun(run, { id, label, origin: 'imported', createdAt: run.createdAt ?? now, ...(run.id ? { sourceId: run.id } : {}) }));
            if (run.id) known.add(run.id);
          }
          commit({ runs: [...get().runs, ...added] });
          for (const entry of added) void history.save(entry, true);
          const from = files.map((f) => f.name).join(' + ');
          const parts = [`Imported ${added.length} run${added.length === 1 ? '' : 's'} from ${from}`];
          if (already) parts.push(`${already} ${already === 1 ? 'was' : 'were'} imported before and left out`);
          set({ notice: { tone: 'ok', text: [...parts, ...notes].join('; ') } });
        } catch (e) {
          const text = e instanceof ImportError ? e.message : `could not import: ${e instanceof Error ? e.message : String(e)}`;
          set({ notice: { tone: 'error', text } });
        }
      },
      setNotice(notice) { set({ notice }); },
      exportModel(id) {
        if (!client) return Promise.resolve({ ok: false, message: 'no training worker is running' });
        return client.exportModel(id);
      },
      userModels: [],
      byo: { state: 'idle' },
      async addUserModel(files, { name, origin }) {
        if (!client) return;
        set({ byo: { state: 'loading', message: `checking ${name ?? 'the model'}…` } });
        const result = await client.inspectModel(name ?? 'model', files);
        if (!result.ok) { set({ byo: { state: 'error', code: result.code, message: result.message } }); return; }
        const { inspection } = result;
        const displayName = userModelName(name, inspection, get().userModels);
        const id = userModelId(displayName, new Set(get().userModels.map((m) => m.id)));
        client.rememberModel(id, files, inspection.defaultFeatureLayer);
        const model: UserModel = { id, name: displayName, origin, inspection, featureLayer: inspection.defaultFeatureLayer };
        set({ userModels: [...get().userModels, model], byo: { state: 'added', name: displayName } });
        get().setConfig({ model: id });
      },
      setByoStatus(status) { set({ byo: status }); },
      setUserFeatureLayer(id, featureLayer) {
        client?.setModelFeatureLayer(id, featureLayer);
        set({ userModels: get().userModels.map((m) => (m.id === id ? { ...m, featureLayer } : m)) });
        get().replaceConfig(get().config); // the block count may have changed
      },
      removeUserModel(id) {
        client?.forgetModel(id);
        set({ userModels: get().userModels.filter((m) => m.id !== id) });
        if (get().config.model === id) get().setConfig({ model: DEFAULT_MODEL_ID });
        else get().replaceConfig(get().config);
      },
    };
  });

  /** Every change to the runs or the focus goes through here, so `run` always is the focused run's view. */
  function commit(patch: Partial<PlaygroundState>): void {
    const s = { ...store.getState(), ...patch };
    const run = s.runs.find((r) => r.id === s.focusId)?.view ?? null;
    store.setState({ ...patch, run });
  }

  function entry(id: string): RunEntry | undefined {
    return store.getState().runs.find((r) => r.id === id);
  }

  function updateEntry(id: string, change: (e: RunEntry) => RunEntry): RunEntry | undefined {
    let updated: RunEntry | undefined;
    commit({ runs: store.getState().runs.map((r) => (r.id === id ? (updated = change(r)) : r)) });
    return updated;
  }

  function updateView(id: string, change: (v: RunView) => RunView): void {
    updateEntry(id, (e) => ({ ...e, view: change(e.view) }));
  }

  /** Starts a run now (nothing else is training). */
  function begin(id: string, label: string, config: RunConfig): void {
    const s = store.getState();
    const created: RunEntry = { id, label, origin: 'local', createdAt: Date.now(), view: newRunView(id, config), kept: [], ending: null };
    commit({
      runs: [...s.runs, created], activeId: id, networkRunId: null,
      focusId: followActive || !s.focusId ? id : s.focusId,
    });
    try {
      client!.start(id, config);
    } catch (e) {
      updateView(id, (v) => failRun(v, e instanceof Error ? e.message : String(e)));
      ended(id, false);
      return;
    }
    void history.save(created, true);
  }

  /** The run ended (done or failed): release the slot and start the next queued run. */
  function ended(id: string, networkKept: boolean): void {
    if (store.getState().activeId === id) commit({ activeId: null, networkRunId: networkKept ? id : null });
    const e = entry(id);
    if (e) void history.save(e, false);
    schedulePump();
  }

  /**
   * Starts the next queued run once nothing trains. Deferred: the client finishes its own
   * bookkeeping for the run that just ended (releasing its worker) after the callback returns.
   */
  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setTimeout(() => { pumpScheduled = false; pump(); }, 0);
  }

  function pump(): void {
    const s = store.getState();
    if (!client || !s.backend || s.backendError || s.activeId || s.measure.state === 'running') return;
    const [next, ...rest] = s.queue;
    if (!next) return;
    commit({ queue: rest });
    const validation = validateConfig(next.config, (id) => lookupModel(store.getState().userModels, id));
    if (!validation.ok) {
      // a queued run that can no longer start (its model was removed) is marked, and the queue goes on
      const failed = failRun(newRunView(next.id, next.config), `could not start: ${validation.errors.map((e) => e.message).join('; ')}`);
      const e: RunEntry = { id: next.id, label: next.label, origin: 'local', createdAt: Date.now(), view: failed, kept: [], ending: null };
      commit({ runs: [...store.getState().runs, e] });
      void history.save(e, true);
      schedulePump();
      return;
    }
    begin(next.id, next.label, validation.config);
  }

  const history = new RunHistory(backendStore, {
    tab,
    liveTabs: liveTabsFromLocks,
    channel: channel as never,
    onStatus: (status) => store.setState({ historyStatus: status }),
    onRemote: (id, remote) => {
      const s = store.getState();
      if (id === s.activeId) return; // our own run
      if (!remote) {
        if (entry(id)) s.deleteRun(id);
        return;
      }
      const exists = !!entry(id);
      commit({ runs: exists ? s.runs.map((r) => (r.id === id ? remote : r)) : [...s.runs, remote].sort((a, b) => a.createdAt - b.createdAt) });
    },
  });

  void history.open().then(({ entries, skipped }) => {
    const s = store.getState();
    const have = new Set(s.runs.map((r) => r.id));
    const loaded = entries.filter((e) => !have.has(e.id));
    commit({ runs: [...loaded, ...s.runs].sort((a, b) => a.createdAt - b.createdAt) });
    if (skipped) store.setState({ notice: { tone: 'error', text: `${skipped} saved run${skipped === 1 ? '' : 's'} could not be read (saved by another version of the page, or damaged) and ${skipped === 1 ? 'is' : 'are'} not shown` } });
  });

  client = new TrainingWorkerClient({
    onBackend: (report) => {
      store.setState({ backend: report, backendError: null });
      schedulePump();
    },
    onWiseFt: (runId, result) => {
      if (!entry(runId)) return;
      updateView(runId, (v) => ({ ...v, wiseFt: finishWiseFt(v.wiseFt, result, Date.now()) }));
    },
    onEvents: (runId, events) => {
      const e = entry(runId);
      if (!e) return;
      const updated = updateEntry(runId, (r) => ({ ...r, view: events.reduce(applyEvent, r.view), kept: r.kept.concat(events.filter(keepEvent)) }))!;
      const done = events.find((ev) => ev.type === 'done');
      if (done) ended(runId, true);
      else if (events.some((ev) => ev.type === 'eval')) void history.save(updated, false);
    },
    onControl: (runId, state) => {
      if (!entry(runId)) return;
      const message = state === 'paused' ? 'paused' : state === 'stopping' ? 'stopping after this step' : 'training';
      updateView(runId, (run) => ({ ...run, status: state === 'paused' ? 'paused' : run.status === 'paused' ? 'training' : run.status, message }));
    },
    onFailed: (runId, message) => {
      const { activeId } = store.getState();
      if (runId === null && !activeId) { store.setState({ backendError: message }); return; }
      const id = runId ?? activeId;
      if (!id || id !== activeId) return;
      updateView(id, (v) => failRun(v, message));
      ended(id, false);
    },
  }, initialPlan(choice, backendDeps));
  return store;
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
