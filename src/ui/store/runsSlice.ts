/**
 * Every run the page knows (this session's, the saved history's, imported ones), the one in focus,
 * the comparison shown, which view is open, and the notice of the last import.
 */
import type { RunConfig } from '../../engine/config/schema';
import { ImportError, readImportFiles, type ImportFile } from '../../protocol/runFile';
import type { RunHistory } from '../history/runHistory';
import { runLabel } from '../runs/configDiff';
import { newRunId } from '../runs/queue';
import { entryFromFileRun, type RunEntry } from '../runs/runEntry';
import type { StoreKit } from './kit';
import type { RunView } from './runView';

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

/** Whether a new run takes the focus: yes, while the user has not turned to another run. */
export interface FocusPolicy { followActive: boolean }

export interface RunsSlice {
  /** every run the page knows, oldest first */
  runs: RunEntry[];
  /** the run the single-run view shows */
  focusId: string | null;
  /** the run in focus (its view), derived from `runs` and `focusId` by the kit's commit: read it, never set it */
  run: RunView | null;
  comparison: Comparison | null;
  view: MainView;
  /** the last import's outcome, or another message for the runs list */
  notice: PageNotice | null;
  focusRun(id: string): void;
  setView(view: MainView): void;
  /** shows these runs together in the compare view */
  compareRuns(ids: string[]): void;
  renameRun(id: string, label: string): void;
  deleteRun(id: string): void;
  /** validates and adds runs from files (a runs file, or a runner's events.jsonl + summary.json) */
  importFiles(files: ImportFile[]): Promise<void>;
  setNotice(notice: PageNotice | null): void;
}

export const MAX_LABEL = 200;

export function createRunsSlice(kit: StoreKit, history: RunHistory, focus: FocusPolicy): RunsSlice {
  const { get, set, commit } = kit;
  return {
    runs: [],
    focusId: null,
    run: null,
    comparison: null,
    view: 'run',
    notice: null,
    focusRun(id) {
      if (!get().runs.some((r) => r.id === id)) return;
      focus.followActive = get().activeIds.includes(id);
      commit({ focusId: id, view: 'run' });
    },
    setView(view) { set({ view }); },
    compareRuns(ids) {
      const first = get().runs.find((r) => r.id === ids[0]);
      if (!first) return;
      // runs from different sessions: labels read against the first of them, not today's settings
      commit({ comparison: { ids, base: first.view.config, baseIs: 'first run' }, view: 'compare' });
    },
    renameRun(id, label) {
      const clean = label.trim().slice(0, MAX_LABEL);
      if (!clean) return;
      commit({ runs: get().runs.map((r) => (r.id === id ? { ...r, label: clean } : r)) });
      void history.rename(id, clean);
    },
    deleteRun(id) {
      const { runs, activeIds, focusId, comparison } = get();
      if (activeIds.includes(id)) return;
      commit({
        runs: runs.filter((r) => r.id !== id),
        focusId: focusId === id ? activeIds[0] ?? null : focusId,
        comparison: comparison && { ...comparison, ids: comparison.ids.filter((c) => c !== id) },
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
          const label = (run.label?.trim() || runLabel(run.config, run.config)).slice(0, MAX_LABEL);
          added.push(entryFromFileRun(run, { id: newRunId(now), label, origin: 'imported', createdAt: run.createdAt ?? now, ...(run.id ? { sourceId: run.id } : {}) }));
          if (run.id) known.add(run.id);
        }
        commit({ runs: [...get().runs, ...added] });
        for (const entry of added) void history.save(entry, true);
        const parts = [`Imported ${added.length} run${added.length === 1 ? '' : 's'} from ${files.map((f) => f.name).join(' + ')}`];
        if (already) parts.push(`${already} ${already === 1 ? 'was' : 'were'} imported before and left out`);
        set({ notice: { tone: 'ok', text: [...parts, ...notes].join('; ') } });
      } catch (e) {
        set({ notice: { tone: 'error', text: e instanceof ImportError ? e.message : `could not import: ${e instanceof Error ? e.message : String(e)}` } });
      }
    },
    setNotice(notice) { set({ notice }); },
  };
}
