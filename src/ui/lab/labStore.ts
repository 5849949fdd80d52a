/**
 * The double-descent lab's own state, kept while its tab is closed: the sweep being set up, the
 * sweep the page runs (its runs go through the page's queue and worker, one after another, and
 * live in the page's runs list), sweeps imported from the headless runner, and what the charts
 * show. Records of the page's runs are derived from their views (pageRecords).
 */
import { create } from 'zustand';
import { zooLookup } from '../../engine/config/modelLookup';
import type { RunConfig } from '../../engine/config/schema';
import { validateConfig } from '../../engine/config/validate';
import { parseSweepLines, sweepRecord, type SweepRecord } from '../../engine/sweep/record';
import { DEFAULT_SWEEP, sweepConfig, sweepPoints, sweepSpecSchema, type SweepPoint, type SweepSpec } from '../../engine/sweep/spec';
import { newRunId, type QueuedRun } from '../runs/queue';
import type { RunEntry } from '../runs/runEntry';
import { fetchBytes } from '../net/fetchBytes';
import type { LabSelection } from './labData';
import { labPresetById } from './labPresets';

export interface PageSweepRun { id: string; point: SweepPoint; config: RunConfig }

export interface LabNotice { tone: 'ok' | 'error'; text: string }

export interface LabState {
  spec: SweepSpec;
  /** the sweep started in this page, if any */
  pageSweep: { name: string; runs: PageSweepRun[] } | null;
  imported: SweepRecord[];
  selection: Partial<LabSelection>;
  /** the lab preset the setup came from */
  presetId: string | null;
  notice: LabNotice | null;
  setSpec(patch: Partial<SweepSpec>): void;
  setSelection(patch: Partial<LabSelection>): void;
  /** validates the setup and hands its runs to the page's queue; returns the errors, if any */
  start(queueRuns: (items: QueuedRun[]) => void): string[];
  addImported(records: SweepRecord[], from: string): void;
  clearImported(): void;
  applyPreset(id: string, spec: SweepSpec, selection: Partial<LabSelection>): void;
  /** sets the preset's sweep up and loads its measured runs (shipped with the page) */
  loadPreset(id: string): Promise<void>;
  setNotice(notice: LabNotice | null): void;
}

export function pointLabel(p: SweepPoint): string {
  return `DD ${p.source} k=${p.k} n=${p.trainSize} noise ${Math.round(p.labelNoise * 100)} %`;
}

/** The runs of a sweep as queue items, or the reasons it cannot run. */
export function sweepRuns(spec: SweepSpec): { ok: true; runs: PageSweepRun[] } | { ok: false; errors: string[] } {
  const parsed = sweepSpecSchema.safeParse(spec);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const runs: PageSweepRun[] = [];
  const errors: string[] = [];
  for (const point of sweepPoints(parsed.data)) {
    const v = validateConfig(sweepConfig(parsed.data, point), zooLookup);
    if (v.ok) runs.push({ id: newRunId(), point, config: v.config });
    else errors.push(`${pointLabel(point)}: ${v.errors.map((e) => e.message).join('; ')}`);
  }
  return errors.length ? { ok: false, errors: [...new Set(errors)].slice(0, 5) } : { ok: true, runs };
}

/** The page sweep's records, from the runs the page holds (unstarted runs have none). */
export function pageRecords(sweep: LabState['pageSweep'], runs: readonly RunEntry[]): SweepRecord[] {
  if (!sweep) return [];
  const byId = new Map(runs.map((r) => [r.id, r]));
  return sweep.runs.flatMap((s) => {
    const entry = byId.get(s.id);
    if (!entry || entry.view.evals.length === 0) return [];
    const { info, evals, summary } = entry.view;
    return [sweepRecord(sweep.name, s.point, s.config, { info, evals, summary })];
  });
}

export const useLab = create<LabState>()((set, get) => ({
  spec: DEFAULT_SWEEP,
  pageSweep: null,
  imported: [],
  selection: {},
  presetId: null,
  notice: null,
  setSpec(patch) { set({ spec: { ...get().spec, ...patch }, presetId: null }); },
  setSelection(patch) { set({ selection: { ...get().selection, ...patch } }); },
  start(queueRuns) {
    const planned = sweepRuns(get().spec);
    if (!planned.ok) return planned.errors;
    const name = `page sweep ${new Date().toLocaleTimeString('en-GB')}`;
    set({ pageSweep: { name, runs: planned.runs }, selection: {}, notice: { tone: 'ok', text: `${planned.runs.length} runs queued: they train one after another` } });
    queueRuns(planned.runs.map((r) => ({ id: r.id, label: pointLabel(r.point), config: r.config })));
    return [];
  },
  addImported(records, from) {
    set({ imported: [...get().imported, ...records], notice: { tone: 'ok', text: `Imported ${records.length} sweep run${records.length === 1 ? '' : 's'} from ${from}` } });
  },
  clearImported() { set({ imported: [] }); },
  applyPreset(id, spec, selection) { set({ spec, selection, presetId: id }); },
  async loadPreset(id) {
    const preset = labPresetById(id);
    if (!preset) return;
    get().applyPreset(preset.id, preset.spec, preset.selection);
    try {
      const records = parseSweepLines(new TextDecoder().decode(await fetchBytes(preset.sweepFile)));
      get().addImported(records, `the measured sweep (${preset.sweepFile})`);
      set({ selection: preset.selection });
    } catch (e) {
      set({ notice: { tone: 'error', text: `could not load the measured sweep: ${e instanceof Error ? e.message : String(e)}` } });
    }
  },
  setNotice(notice) { set({ notice }); },
}));
