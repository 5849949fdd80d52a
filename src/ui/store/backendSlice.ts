/**
 * The page's backend settings: the user's choice (auto, or a pinned backend, also in the link),
 * Measure backends (each backend timed in a fresh worker, one after another, while nothing trains),
 * and the winners remembered in this browser that auto selection uses. Every change hands the
 * training workers a new plan; an idle worker is replaced so the badge says what the next run gets.
 */
import type { RunWorkers } from '../../client/workerPool';
import type { RunConfig } from '../../engine/config/schema';
import { BACKEND_NAMES, NO_ADAPTER, type BackendChoice, type BackendMeasurement, type BackendName, type BackendPlan, type BackendReport } from '../../protocol/messages';
import { findRecord, forgetRecord, loadRecords, recordOf, rememberRecord, winnersFor, type KeyValueStorage, type MeasuredRecord } from './measuredBackends';

export type MeasureState =
  | { state: 'idle' }
  | { state: 'running'; current: BackendName; results: BackendMeasurement[]; model: string; batchSize: number }
  | { state: 'done'; results: BackendMeasurement[]; model: string; batchSize: number };

export interface BackendSlice {
  backendChoice: BackendChoice;
  measure: MeasureState;
  /** Measure backends winners remembered in this browser (every adapter) */
  measuredRecords: MeasuredRecord[];
  setBackendChoice(choice: BackendChoice): void;
  /** times one FT step of the config's model at its batch size on every backend, remembers the fastest */
  measureBackends(): Promise<void>;
  /** forgets the winner measured with the current adapter; auto picks by the hardware again */
  forgetMeasurement(): void;
}

interface SliceState {
  backend: BackendReport | null;
  backendError: string | null;
  activeIds: readonly string[];
  queue: readonly unknown[];
  validation: { ok: true; config: RunConfig } | { ok: false };
}

export interface BackendDeps {
  workers(): RunWorkers | null;
  userAgent: string;
  storage?: KeyValueStorage | null;
  /** after a measurement: runs queued meanwhile may start */
  measured(): void;
}

/** The adapter key the current worker reported (measurements are remembered per adapter). */
export const adapterKeyOf = (report: BackendReport | null): string => report?.adapter ?? NO_ADAPTER;

/** The remembered measurement for this browser and the adapter the worker reports. */
export function selectMeasuredHere(s: BackendSlice & SliceState, userAgent: string): MeasuredRecord | null {
  return s.backend ? findRecord(s.measuredRecords, userAgent, adapterKeyOf(s.backend)) : null;
}

export function initialPlan(choice: BackendChoice, deps: Pick<BackendDeps, 'userAgent' | 'storage'>): BackendPlan {
  return { choice, measured: winnersFor(loadRecords(deps.storage), deps.userAgent) };
}

export function createBackendSlice<S extends BackendSlice & SliceState>(
  set: (patch: Partial<S>) => void, get: () => S, deps: BackendDeps, choice: BackendChoice,
): BackendSlice {
  const replan = (patch: Partial<S>) => {
    const next = { ...get(), ...patch };
    // an idle worker is replaced (one that found no backend too): the badge waits for the new one's report
    set({ ...patch, ...(next.activeIds.length ? {} : { backend: null, backendError: null }) } as Partial<S>);
    deps.workers()?.setPlan({ choice: next.backendChoice, measured: winnersFor(next.measuredRecords, deps.userAgent) });
  };
  return {
    backendChoice: choice,
    measure: { state: 'idle' },
    measuredRecords: loadRecords(deps.storage),
    setBackendChoice(next) {
      if (next !== get().backendChoice) replan({ backendChoice: next } as Partial<S>);
    },
    async measureBackends() {
      const s = get();
      const workers = deps.workers();
      if (!workers || s.measure.state === 'running' || s.activeIds.length || !s.validation.ok) return;
      const { config } = s.validation;
      const about = { model: config.model, batchSize: config.batchSize };
      const results: BackendMeasurement[] = [];
      for (const backend of BACKEND_NAMES) {
        set({ measure: { state: 'running', current: backend, results: [...results], ...about } } as Partial<S>);
        results.push(await workers.measureBackend(backend, config));
      }
      const record = recordOf(results, { userAgent: deps.userAgent, ...about, now: new Date() });
      const measuredRecords = record ? rememberRecord(record, deps.storage) : get().measuredRecords;
      set({ measure: { state: 'done', results, ...about } } as Partial<S>);
      replan({ measuredRecords } as Partial<S>);
      deps.measured();
    },
    forgetMeasurement() {
      const key = { userAgent: deps.userAgent, adapter: adapterKeyOf(get().backend) };
      replan({ measuredRecords: forgetRecord(key, deps.storage), measure: { state: 'idle' } } as Partial<S>);
    },
  };
}
