/** Selectors shared by several components (each returns a stored value, never a new object). */
import type { PlaygroundState } from './playgroundStore';
import type { RunView } from './runView';
import type { RunEntry } from '../runs/runEntry';

/** Some run is training (queued runs wait for a free slot). */
export const selectRunActive = (s: PlaygroundState): boolean => s.activeIds.length > 0;
export const selectSetConfig = (s: PlaygroundState) => s.setConfig;
/** The run in focus: what the single-run view shows. */
export const selectRun = (s: PlaygroundState): RunView | null => s.run;
export const selectFocusedEntry = (s: PlaygroundState): RunEntry | undefined => s.runs.find((r) => r.id === s.focusId);
