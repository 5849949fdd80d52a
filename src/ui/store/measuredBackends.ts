/**
 * Winners of Measure backends, remembered in this browser (localStorage) per user agent and WebGPU
 * adapter: the same browser with another GPU, or an updated browser, measures afresh. Auto
 * selection in the worker uses the winner measured with its adapter. What is read back is checked
 * (another version of the page, or a user, may have written anything there).
 */
import { z } from 'zod';
import { BACKEND_NAMES, NO_ADAPTER, type BackendMeasurement, type BackendName, type MeasuredWinner } from '../../protocol/messages';

const STORAGE_KEY = 'ftp-measured-backends';
/** a browser keeps a few adapters (a laptop's two GPUs), not a history */
const MAX_RECORDS = 8;

const figureSchema = z.object({
  backend: z.enum(BACKEND_NAMES),
  stepsPerSec: z.number().positive().optional(),
  msPerStep: z.number().positive().optional(),
  firstStepMs: z.number().nonnegative().optional(),
  error: z.string().max(500).optional(),
});

const recordSchema = z.object({
  userAgent: z.string().max(1000),
  adapter: z.string().max(300),
  winner: z.enum(BACKEND_NAMES),
  /** when it was measured, ISO 8601 */
  measuredAt: z.string().max(40),
  model: z.string().max(200),
  batchSize: z.number().int().positive(),
  figures: z.array(figureSchema).max(BACKEND_NAMES.length),
});

export type MeasuredRecord = z.infer<typeof recordSchema>;
export type MeasuredFigure = z.infer<typeof figureSchema>;

/** The few Storage members used (tests pass a Map-backed one). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (a sandboxed frame, blocked cookies)
  }
}

export function loadRecords(storage: KeyValueStorage | null = browserStorage()): MeasuredRecord[] {
  try {
    const parsed = z.array(recordSchema).safeParse(JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function writeRecords(records: MeasuredRecord[], storage: KeyValueStorage | null): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(records.slice(-MAX_RECORDS)));
  } catch {
    // full or disabled storage: the measurement still applies until the page is closed
  }
}

const sameKey = (a: Pick<MeasuredRecord, 'userAgent' | 'adapter'>, b: Pick<MeasuredRecord, 'userAgent' | 'adapter'>) =>
  a.userAgent === b.userAgent && a.adapter === b.adapter;

/** Keeps `record` as the one for its browser and adapter; returns every record kept. */
export function rememberRecord(record: MeasuredRecord, storage: KeyValueStorage | null = browserStorage()): MeasuredRecord[] {
  const records = [...loadRecords(storage).filter((r) => !sameKey(r, record)), record];
  writeRecords(records, storage);
  return records;
}

export function forgetRecord(key: Pick<MeasuredRecord, 'userAgent' | 'adapter'>, storage: KeyValueStorage | null = browserStorage()): MeasuredRecord[] {
  const records = loadRecords(storage).filter((r) => !sameKey(r, key));
  writeRecords(records, storage);
  return records;
}

export function findRecord(records: readonly MeasuredRecord[], userAgent: string, adapter: string): MeasuredRecord | null {
  return records.find((r) => sameKey(r, { userAgent, adapter })) ?? null;
}

const rate = (stepsPerSec: number) => (stepsPerSec >= 10 ? stepsPerSec.toFixed(0) : stepsPerSec >= 0.995 ? stepsPerSec.toFixed(1) : stepsPerSec.toPrecision(1));

/** "measured fastest here on 2026-11-23: wasm 4.1 steps/s vs webgpu 0.3, webgl 0.2, cpu 1.0" */
export function summaryOf(record: MeasuredRecord): string {
  const won = record.figures.find((f) => f.backend === record.winner);
  const others = record.figures.filter((f) => f.backend !== record.winner && f.stepsPerSec !== undefined).map((f) => `${f.backend} ${rate(f.stepsPerSec!)}`);
  const date = record.measuredAt.slice(0, 10);
  return `measured fastest here on ${date}: ${record.winner} ${won?.stepsPerSec !== undefined ? `${rate(won.stepsPerSec)} steps/s` : ''}${others.length ? ` vs ${others.join(', ')}` : ''}`.replace(/ {2,}/g, ' ').trim();
}

/** What auto selection in this browser's workers gets: each adapter's winner and its sentence. */
export function winnersFor(records: readonly MeasuredRecord[], userAgent: string): MeasuredWinner[] {
  return records.filter((r) => r.userAgent === userAgent).map((r) => ({ adapter: r.adapter, winner: r.winner, summary: summaryOf(r) }));
}

/** The record of one Measure backends pass: the fastest backend that produced a figure, or null if none did. */
export function recordOf(results: readonly BackendMeasurement[], context: { userAgent: string; model: string; batchSize: number; now: Date }): MeasuredRecord | null {
  const ok = results.filter((r): r is Extract<BackendMeasurement, { ok: true }> => r.ok);
  if (ok.length === 0) return null;
  const best = ok.reduce((a, b) => (b.stepsPerSec > a.stepsPerSec ? b : a));
  const adapter = ok.find((r) => r.report.adapter)?.report.adapter ?? NO_ADAPTER;
  return {
    userAgent: context.userAgent, adapter, winner: best.backend as BackendName, measuredAt: context.now.toISOString(),
    model: context.model, batchSize: context.batchSize,
    figures: results.map((r) => (r.ok
      ? { backend: r.backend, stepsPerSec: r.stepsPerSec, msPerStep: r.msPerStep, firstStepMs: r.firstStepMs }
      : { backend: r.backend, error: r.error.slice(0, 500) })),
  };
}
