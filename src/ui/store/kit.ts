/**
 * What every slice of the playground store shares: set and get, and the one way to change the runs
 * or the focus so that `run` (the focused run's view) is always derived from them.
 */
import type { RunEntry } from '../runs/runEntry';
import type { RunView } from './runView';
import type { PlaygroundState } from './state';

export type SetState = (patch: Partial<PlaygroundState>) => void;
export type GetState = () => PlaygroundState;

export interface StoreKit {
  set: SetState;
  get: GetState;
  /** every change to the runs or the focus goes through here, so `run` always is the focused run's view */
  commit(patch: Partial<PlaygroundState>): void;
  entry(id: string): RunEntry | undefined;
  updateEntry(id: string, change: (e: RunEntry) => RunEntry): RunEntry | undefined;
  updateView(id: string, change: (v: RunView) => RunView): void;
}

export function storeKit(set: SetState, get: GetState): StoreKit {
  const commit = (patch: Partial<PlaygroundState>) => {
    const s = { ...get(), ...patch };
    set({ ...patch, run: s.runs.find((r) => r.id === s.focusId)?.view ?? null });
  };
  const entry = (id: string) => get().runs.find((r) => r.id === id);
  const updateEntry = (id: string, change: (e: RunEntry) => RunEntry) => {
    let updated: RunEntry | undefined;
    commit({ runs: get().runs.map((r) => (r.id === id ? (updated = change(r)) : r)) });
    return updated;
  };
  return {
    set, get, commit, entry, updateEntry,
    updateView: (id, change) => { updateEntry(id, (e) => ({ ...e, view: change(e.view) })); },
  };
}
