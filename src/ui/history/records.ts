/**
 * What the run history keeps of a run (one IndexedDB key per run), and the pure decisions around
 * it: building a record from a run entry, reading one back (validated: a record may come from an
 * older page or be damaged), and which unfinished records a reload interrupted.
 */
import { z } from 'zod';
import { ImportError, readFileRun, type RunFileRun } from '../../protocol/runFile';
import { entryFromFileRun, isFinishedView, toFileRun, type RunEntry, type RunOrigin } from '../runs/runEntry';

export const RECORD_VERSION = 1;

/** running: saved while it trains (at start and at each evaluation); every other state is final. */
export type RecordState = 'running' | 'completed' | 'stopped' | 'diverged' | 'failed' | 'interrupted' | 'incomplete';

export interface StoredRun {
  v: typeof RECORD_VERSION;
  id: string;
  label: string;
  origin: RunOrigin;
  state: RecordState;
  /** the page load (tab) that trains it, while it is running */
  tab: string;
  createdAt: number;
  updatedAt: number;
  sourceId?: string;
  run: RunFileRun;
}

export const recordKey = (id: string) => `run:${id}`;

export function recordState(entry: RunEntry): RecordState {
  if (entry.ending) return entry.ending;
  const status = entry.view.status;
  if (status === 'completed' || status === 'stopped' || status === 'diverged' || status === 'failed') return status;
  return 'running';
}

export function toRecord(entry: RunEntry, tab: string, now: number): StoredRun {
  return {
    v: RECORD_VERSION, id: entry.id, label: entry.label, origin: entry.origin, state: recordState(entry), tab,
    createdAt: entry.createdAt, updatedAt: now, ...(entry.sourceId ? { sourceId: entry.sourceId } : {}),
    // as a runs file holds it (NaN as null): a saved run is read back through the same validation as an import
    run: JSON.parse(JSON.stringify(toFileRun(entry))) as RunFileRun,
  };
}

const headerSchema = z.looseObject({
  v: z.literal(RECORD_VERSION),
  id: z.string().min(1).max(200),
  label: z.string().max(10_000),
  origin: z.enum(['local', 'imported']),
  state: z.enum(['running', 'completed', 'stopped', 'diverged', 'failed', 'interrupted', 'incomplete']),
  tab: z.string().max(200),
  createdAt: z.number(),
  updatedAt: z.number(),
  sourceId: z.string().max(200).optional(),
  run: z.unknown(),
});

/** A stored value → a record, or why it cannot be read. */
export function readRecord(value: unknown): { ok: true; record: StoredRun } | { ok: false; reason: string } {
  const head = headerSchema.safeParse(value);
  if (!head.success) return { ok: false, reason: head.error.issues[0]?.message ?? 'not a run record' };
  try {
    const run = readFileRun(`saved run ${head.data.id}`, head.data.run);
    const { run: _raw, ...rest } = head.data;
    return { ok: true, record: { ...rest, ...(rest.sourceId === undefined ? {} : { sourceId: rest.sourceId }), run } as StoredRun };
  } catch (e) {
    return { ok: false, reason: e instanceof ImportError ? e.message : String(e) };
  }
}

/**
 * What a record found at startup is: still training in another open tab ('elsewhere'), cut short by
 * a reload or a closed tab ('interrupted': its tab is gone), or settled ('keep').
 * `liveTabs`: tabs of this page that are open now (from Web Locks); null when the browser cannot
 * tell, and then an unfinished record counts as interrupted: a tab that is in fact still training
 * rewrites it at its next evaluation, so the mark heals itself.
 */
export function startupState(record: Pick<StoredRun, 'state' | 'tab'>, thisTab: string, liveTabs: ReadonlySet<string> | null): 'keep' | 'interrupted' | 'elsewhere' {
  if (record.state !== 'running' || record.tab === thisTab) return 'keep';
  return liveTabs?.has(record.tab) ? 'elsewhere' : 'interrupted';
}

/** The record of a run a reload cut short. */
export function markInterrupted(record: StoredRun, now: number): StoredRun {
  return { ...record, state: 'interrupted', updatedAt: now, run: { ...record.run, ending: 'interrupted' } };
}

/** A run entry from a record; a record still training in another tab shows as such. */
export function entryFromRecord(record: StoredRun, elsewhere = false): RunEntry {
  const run = record.state === 'running' && !elsewhere ? { ...record.run, ending: 'interrupted' as const } : record.run;
  const entry = entryFromFileRun(run, {
    id: record.id, label: record.label, origin: record.origin, createdAt: record.createdAt,
    ...(record.sourceId ? { sourceId: record.sourceId } : {}),
  });
  if (!elsewhere) return entry;
  return {
    ...entry, elsewhere: true, ending: null,
    view: { ...entry.view, status: 'stopped', message: `training in another tab of this page (step ${entry.view.progress.step} when last saved)` },
  };
}

/** Whether the record says the run is over (nothing will write it again). */
export function isSettled(entry: RunEntry): boolean {
  return !!entry.ending || isFinishedView(entry.view);
}
