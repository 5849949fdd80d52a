/**
 * The page's state, one slice per concern: the config being edited (configSlice), the runs the page
 * knows and the one in focus (runsSlice), the queue (queueSlice), the runs training now on the
 * workers (trainingSlice), the history in IndexedDB (historySlice), the user's own models
 * (userModelsSlice), the user's own image datasets (userDatasetsSlice) and the backend settings (backendSlice). Components read it; only the slices'
 * actions talk to the workers and the history.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import type { RunConfig } from '../../engine/config/schema';
import { browserHardware, type Hardware } from '../../client/concurrency';
import { WorkerPool, type PoolEvents, type RunWorkers } from '../../client/workerPool';
import type { BackendChoice, BackendPlan } from '../../protocol/messages';
import { defaultHistoryBackend, type HistoryBackend } from '../history/runHistory';
import { newRunId } from '../runs/queue';
import { createBackendSlice, initialPlan } from './backendSlice';
import { createConfigSlice } from './configSlice';
import { createHistorySlice, loadHistory } from './historySlice';
import { storeKit } from './kit';
import type { KeyValueStorage } from './measuredBackends';
import { createQueueSlice } from './queueSlice';
import { createRunsSlice, type FocusPolicy } from './runsSlice';
import type { PlaygroundState } from './state';
import { createTrainingSlice } from './trainingSlice';
import { lookupModel } from './userModels';
import { createUserModelsSlice } from './userModelsSlice';
import { userDatasetLookup } from './userDatasets';
import { createUserDatasetsSlice, loadUserDatasets } from './userDatasetsSlice';
import { defaultDatasetStorage, type DatasetStorage } from '../yourImages/datasetStorage';

export type { ConfigPatch } from './configSlice';
export type { Comparison, MainView, PageNotice } from './runsSlice';
export type { ModelExportResult } from './trainingSlice';
export type { PlaygroundState } from './state';

export interface StoreOptions {
  /** auto, or the backend the link pinned */
  backendChoice?: BackendChoice;
  /** where Measure backends winners are kept (default: localStorage) */
  measuredStorage?: KeyValueStorage | null;
  initialConfig?: RunConfig;
  /** where finished runs are kept across reloads; null: nowhere (default: IndexedDB where the browser has it) */
  history?: HistoryBackend | null;
  /** the training workers (default: a pool of Web Workers); tests run the engine in-process */
  workers?: (events: PoolEvents, plan: BackendPlan) => RunWorkers;
  hardware?: Hardware;
  /** where the user's own image datasets are kept; null: nowhere (default: IndexedDB where the browser has it) */
  datasetStorage?: DatasetStorage | null;
}

export function createPlaygroundStore(opts: StoreOptions = {}) {
  let workers: RunWorkers | null = null;
  const focus: FocusPolicy = { followActive: true };
  const tab = newRunId().replace(/^run-/, 'tab-');
  const historyBackend = opts.history === undefined ? defaultHistoryBackend() : opts.history;
  const datasetStorage = opts.datasetStorage === undefined ? defaultDatasetStorage() : opts.datasetStorage;
  const userAgent = globalThis.navigator?.userAgent ?? 'unknown browser';
  const choice = opts.backendChoice ?? 'auto';
  let wiring!: ReturnType<typeof createTrainingSlice>;
  let history!: ReturnType<typeof createHistorySlice>['history'];
  const backendDeps = { workers: () => workers, userAgent, storage: opts.measuredStorage, measured: () => wiring.schedulePump() };

  const store = create<PlaygroundState>()((set, get) => {
    const kit = storeKit(set, get);
    const made = createHistorySlice(kit, historyBackend, tab);
    history = made.history;
    wiring = createTrainingSlice(kit, { workers: () => workers, history, focus, hardware: opts.hardware ?? browserHardware() });
    return {
      ...createBackendSlice<PlaygroundState>(set, get, backendDeps, choice),
      // shipped models, then the user's own
      ...createConfigSlice(kit, opts.initialConfig ?? DEFAULT_CONFIG, (id) => lookupModel(get()?.userModels ?? [], id), (id) => userDatasetLookup(get()?.userDatasets ?? [])(id)),
      ...createRunsSlice(kit, history, focus),
      ...createQueueSlice(kit, { focus, schedulePump: () => wiring.schedulePump() }),
      ...wiring.slice,
      ...made.slice,
      ...createUserModelsSlice(kit, () => workers!),
      ...createUserDatasetsSlice(kit, () => workers, datasetStorage),
    };
  });

  void loadHistory(storeKit(store.setState, store.getState), history);
  const plan = initialPlan(choice, backendDeps);
  workers = opts.workers ? opts.workers(wiring.events, plan) : new WorkerPool(wiring.events, plan);
  void loadUserDatasets(storeKit(store.setState, store.getState), () => workers, datasetStorage);
  return store;
}

export type PlaygroundStore = ReturnType<typeof createPlaygroundStore>;
