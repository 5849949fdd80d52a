/** Selectors shared by several components. */
import type { PlaygroundState } from './playgroundStore';
import type { RunView } from './runView';
import type { RunEntry } from '../runs/runEntry';

/** A run is training (one at a time; queued runs wait for it). */
export const selectRunActive = (s: PlaygroundState): boolean => s.activeId !== null;
export const selectSetConfig = (s: PlaygroundState) => s.setConfig;
/** The run in focus: what the single-run view shows. */
export const selectRun = (s: PlaygroundState): RunView | null => s.run;
export const selectFocusedEntry = (s: PlaygroundState): RunEntry | undefined => s.runs.find((r) => r.id === s.focusId);
export const selectActiveEntry = (s: PlaygroundState): RunEntry | undefined => s.runs.find((r) => r.id === s.activeId);
