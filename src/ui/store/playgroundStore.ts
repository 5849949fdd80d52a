/**
 * The page's state: the config being edited (validated on every change), the backend the worker
 * found, and the current run as folded from its events. Components read it; only the actions
 * here talk to the worker.
 */
import { create } from 'zustand';
import type { RunConfig } from '../../engine/config/schema';
import { DEFAULT_CONFIG, DEFAULT_MODEL_ID } from '../../engine/config/defaults';
import { zooLookup } from '../../engine/config/modelLookup';
import { validateConfig, type ModelLookup, type ValidationResult } from '../../engine/config/validate';
import { TrainingWorkerClient } from '../../client/trainingWorkerClient';
import type { BackendName, BackendReport, ModelFilePayload } from '../../protocol/messages';
import { applyEvent, failRun, finishWiseFt, isActive, newRunView, type RunView } from './runView';
import { lookupModel, userModelId, userModelName, type ByoStatus, type UserModel } from './userModels';

export type ConfigPatch = { [K in keyof RunConfig]?: RunConfig[K] extends object ? RunConfig[K] extends unknown[] ? RunConfig[K] : Partial<RunConfig[K]> : RunConfig[K] };

export interface PlaygroundState {
  config: RunConfig;
  validation: ValidationResult;
  backend: BackendReport | null;
  /** the worker could not start any backend */
  backendError: string | null;
  run: RunView | null;
  setConfig(patch: ConfigPatch): void;
  replaceConfig(config: RunConfig): void;
  train(): void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** WiSE-FT curve of the current run (paused or finished) over `alphas` */
  requestWiseFt(alphas: number[]): void;
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

let runCounter = 0;

export function createPlaygroundStore(opts: { preferredBackend?: BackendName; initialConfig?: RunConfig } = {}) {
  let client: TrainingWorkerClient | null = null;
  const store = create<PlaygroundState>()((set, get) => {
    const initial = opts.initialConfig ?? DEFAULT_CONFIG;
    // shipped models, then the user's own
    const lookup: ModelLookup = (id) => lookupModel(get().userModels, id);
    return {
      config: initial,
      validation: validateConfig(initial, zooLookup),
      backend: null,
      backendError: null,
      run: null,
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
        const { validation, run } = get();
        if (!validation.ok || isActive(run) || !client) return;
        const id = `run-${Date.now().toString(36)}-${++runCounter}`;
        set({ run: newRunView(id, validation.config) });
        client.start(id, validation.config);
      },
      pause() { client?.pause(); },
      resume() { client?.resume(); },
      stop() { client?.stop(); },
      requestWiseFt(alphas) {
        const run = get().run;
        if (!run || !client || run.wiseFt.state === 'running') return;
        set({ run: { ...run, wiseFt: { state: 'running', alphas, step: run.progress.step, startedAt: Date.now() } } });
        client.requestWiseFt(run.id, alphas);
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
  client = new TrainingWorkerClient({
    onBackend: (report) => store.setState({ backend: report, backendError: null }),
    onWiseFt: (runId, result) => {
      const run = store.getState().run;
      if (!run || run.id !== runId) return;
      store.setState({ run: { ...run, wiseFt: finishWiseFt(run.wiseFt, result, Date.now()) } });
    },
    onEvents: (runId, events) => {
      const run = store.getState().run;
      if (!run || run.id !== runId) return;
      store.setState({ run: events.reduce(applyEvent, run) });
    },
    onControl: (runId, state) => {
      const run = store.getState().run;
      if (!run || run.id !== runId) return;
      const message = state === 'paused' ? 'paused' : state === 'stopping' ? 'stopping after this step' : 'training';
      store.setState({ run: { ...run, status: state === 'paused' ? 'paused' : run.status === 'paused' ? 'training' : run.status, message } });
    },
    onFailed: (runId, message) => {
      if (runId === null && !store.getState().run) { store.setState({ backendError: message }); return; }
      const run = store.getState().run;
      if (run && (runId === null || run.id === runId) && isActive(run)) store.setState({ run: failRun(run, message) });
    },
  }, opts.preferredBackend);
  return store;
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
