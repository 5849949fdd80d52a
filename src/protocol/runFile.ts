/**
 * The runs file: how the page exports runs and imports them again, and what the headless runner
 * writes with --runs-json. One JSON object:
 *   { schema: "ftp-runs", version: 1, runs: [{ config, events: RunEvent[], summary }] }
 * where `events` are the run's events as the worker sends them (the runner writes every one; the
 * page writes its bounded loss series as `steps` events, and every other event as it came), and
 * `summary` is the `done` event's summary (null for a run that never finished).
 *
 * Reading one is hostile-input parsing: the size is checked before reading, the nesting depth is
 * measured on the raw text before JSON.parse, and everything is validated with zod before any of
 * it reaches the page's state. Each problem has its own message naming it.
 */
import { z } from 'zod';
import { runConfigSchema, type RunConfig } from '../engine/config/schema';
import { EVENT_LIMITS, jsonNumber, RUN_EVENT_SCHEMAS, runSummarySchema } from '../engine/training/eventSchema';
import type { RunEvent, RunSummary } from '../engine/training/events';

export const RUN_FILE_SCHEMA = 'ftp-runs';
export const RUN_FILE_VERSION = 1;

export const IMPORT_LIMITS = {
  /** checked from File.size before a byte is read */
  maxBytes: 50 * 1024 * 1024,
  /** a runs file nests about 8 levels (file → runs → run → events → event → record → distortion → values) */
  maxDepth: 32,
  maxRuns: 1000,
  maxEventsPerRun: 200_000,
  maxString: EVENT_LIMITS.maxString,
};

/** How a run that has no summary ended. */
export const RUN_ENDINGS = ['interrupted', 'failed', 'incomplete'] as const;
export type RunEnding = (typeof RUN_ENDINGS)[number];

export interface RunFileRun {
  config: RunConfig;
  events: RunEvent[];
  summary: RunSummary | null;
  /** the page's name for the run */
  label?: string;
  /** the run's id where it was made (re-importing the same file twice adds nothing the second time) */
  id?: string;
  /** when the run started (ms since 1970) */
  createdAt?: number;
  /** for a run without a summary: why */
  ending?: RunEnding;
  error?: string;
}

export interface RunFile {
  schema: typeof RUN_FILE_SCHEMA;
  version: typeof RUN_FILE_VERSION;
  /** what wrote it ("Fine-Tuning Playground page", "npm run experiment") */
  generator?: string;
  exportedAt?: string;
  runs: RunFileRun[];
}

export function buildRunFile(runs: RunFileRun[], generator: string, now = new Date()): RunFile {
  return { schema: RUN_FILE_SCHEMA, version: RUN_FILE_VERSION, generator, exportedAt: now.toISOString(), runs };
}

/** JSON text of a runs file (NaN and ±Infinity become null, which the reader turns back into NaN). */
export function serialiseRunFile(file: RunFile): string {
  return JSON.stringify(file);
}

// ---------- problems ----------

export type ImportProblem =
  | 'too-large' | 'empty' | 'not-json' | 'too-deep' | 'not-a-runs-file' | 'wrong-version' | 'too-many' | 'bad-shape' | 'no-config'
  | 'unpaired';

export class ImportError extends Error {
  override name = 'ImportError';
  constructor(readonly problem: ImportProblem, message: string) {
    super(message);
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** Refuses a file by its size alone, before it is read. */
export function checkFileSize(name: string, bytes: number, limit = IMPORT_LIMITS.maxBytes): void {
  if (bytes > limit) {
    throw new ImportError('too-large', `${name} is ${megabytes(bytes)}; files up to ${megabytes(limit)} can be imported (export fewer runs per file)`);
  }
  if (bytes === 0) throw new ImportError('empty', `${name} is empty`);
}

/**
 * The deepest nesting of objects and arrays in JSON text, without parsing it (strings and their
 * escapes skipped). Stops counting once past `stopAt`.
 */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) { max = depth; if (max > stopAt) return max; }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

function checkDepth(name: string, text: string): void {
  const depth = jsonDepth(text, IMPORT_LIMITS.maxDepth);
  if (depth > IMPORT_LIMITS.maxDepth) {
    throw new ImportError('too-deep', `${name} is nested more than ${IMPORT_LIMITS.maxDepth} levels deep; a runs file nests about 8, so this is not one (or it was built to crash a parser)`);
  }
}

function parseJson(name: string, text: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ImportError('not-json', `${name}${line !== undefined ? ` line ${line}` : ''} is not valid JSON (${why.slice(0, 160)})`);
  }
}

// ---------- schemas ----------

const str = z.string().max(IMPORT_LIMITS.maxString);
const num = jsonNumber;

const fileRunSchema = z.looseObject({
  config: runConfigSchema,
  events: z.array(z.looseObject({ type: str })).max(IMPORT_LIMITS.maxEventsPerRun),
  summary: runSummarySchema.nullable(),
  label: str.optional(),
  id: z.string().max(200).optional(),
  createdAt: num.optional(),
  ending: z.enum(RUN_ENDINGS).optional(),
  error: str.optional(),
});

// ---------- reading ----------

function where(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${String(k)}` : String(k)), '');
}

function shapeError(name: string, prefix: string, error: z.ZodError): ImportError {
  const issues = error.issues.slice(0, 3).map((i) => {
    const at = where([...(prefix ? [prefix] : []), ...i.path]);
    return `${at || '(top level)'}: ${i.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more problems)` : '';
  return new ImportError('bad-shape', `${name} does not have the shape of a runs file: ${issues.join('; ')}${more}`);
}

export interface ImportResult {
  runs: RunFileRun[];
  /** things worth saying that did not stop the import (events of a kind this page does not know) */
  notes: string[];
}

/** Validates each event with its own schema; events of kinds this page does not know are left out (and counted). */
function readEvents(name: string, prefix: string, raw: readonly { type: string }[], unknown: Map<string, number>): RunEvent[] {
  const out: RunEvent[] = [];
  raw.forEach((event, i) => {
    const schema = (RUN_EVENT_SCHEMAS as Record<string, z.ZodType>)[event.type];
    if (!schema) { unknown.set(event.type, (unknown.get(event.type) ?? 0) + 1); return; }
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw shapeError(name, `${prefix}[${i}]`, parsed.error);
    out.push(parsed.data as RunEvent);
  });
  return out;
}

function unknownNote(unknown: Map<string, number>): string[] {
  if (unknown.size === 0) return [];
  return [`left out ${[...unknown].map(([t, n]) => `${n} event${n === 1 ? '' : 's'} of kind "${t.slice(0, 40)}"`).join(', ')} that this page does not know`];
}

/** A runs file's text → validated runs. Throws ImportError naming the problem. */
export function readRunFile(name: string, text: string): ImportResult {
  if (text.trim() === '') throw new ImportError('empty', `${name} is empty`);
  checkDepth(name, text);
  const data = parseJson(name, text);
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new ImportError('not-a-runs-file', `${name} is not a runs file: it holds ${Array.isArray(data) ? 'a list' : `a ${data === null ? 'null' : typeof data}`}, not an object with "schema": "${RUN_FILE_SCHEMA}"`);
  }
  const obj = data as Record<string, unknown>;
  if (obj.schema !== RUN_FILE_SCHEMA) {
    const got = typeof obj.schema === 'string' ? `"schema" is ${JSON.stringify(obj.schema.slice(0, 40))}` : 'it has no "schema" field';
    const hint = 'stepsDone' in obj && 'config' in obj ? ' (this looks like a runner summary.json: import it together with its events.jsonl)' : '';
    throw new ImportError('not-a-runs-file', `${name} is not a Fine-Tuning Playground runs file: ${got}, expected "${RUN_FILE_SCHEMA}"${hint}`);
  }
  if (obj.version !== RUN_FILE_VERSION) {
    const newer = typeof obj.version === 'number' && obj.version > RUN_FILE_VERSION;
    throw new ImportError('wrong-version', `${name} is a runs file of version ${JSON.stringify(obj.version ?? null)}${newer ? ', made by a newer page' : ''}; this page reads version ${RUN_FILE_VERSION}`);
  }
  if (Array.isArray(obj.runs) && obj.runs.length > IMPORT_LIMITS.maxRuns) {
    throw new ImportError('too-many', `${name} holds ${obj.runs.length} runs; at most ${IMPORT_LIMITS.maxRuns} can be imported at once`);
  }
  const shape = z.looseObject({
    schema: z.literal(RUN_FILE_SCHEMA), version: z.literal(RUN_FILE_VERSION), generator: str.optional(), exportedAt: str.optional(),
    runs: z.array(fileRunSchema).max(IMPORT_LIMITS.maxRuns),
  }).safeParse(data);
  if (!shape.success) throw shapeError(name, '', shape.error);
  const unknown = new Map<string, number>();
  const runs = shape.data.runs.map((r, i) => fileRun(name, `runs[${i}]`, r, unknown));
  return { runs, notes: unknownNote(unknown) };
}

function fileRun(name: string, prefix: string, r: z.infer<typeof fileRunSchema>, unknown: Map<string, number>): RunFileRun {
  return {
    config: r.config,
    events: readEvents(name, prefix ? `${prefix}.events` : 'events', r.events, unknown),
    summary: r.summary as RunSummary | null,
    ...(r.label !== undefined ? { label: r.label } : {}),
    ...(r.id !== undefined ? { id: r.id } : {}),
    ...(r.createdAt !== undefined && Number.isFinite(r.createdAt) ? { createdAt: r.createdAt } : {}),
    ...(r.ending !== undefined ? { ending: r.ending } : {}),
    ...(r.error !== undefined ? { error: r.error } : {}),
  };
}

/** One run object (as a runs file or a saved record holds it) → a validated run; throws ImportError. */
export function readFileRun(name: string, value: unknown): RunFileRun {
  const parsed = fileRunSchema.safeParse(value);
  if (!parsed.success) throw shapeError(name, '', parsed.error);
  return fileRun(name, '', parsed.data, new Map());
}

/**
 * The headless runner's output folder: events.jsonl (one event per line) and, optionally,
 * summary.json (the same summary as the `done` event, and the only place the config is when the
 * run did not finish).
 */
export function readRunnerOutput(
  events: { name: string; text: string }, summary?: { name: string; text: string },
): ImportResult {
  if (events.text.trim() === '') throw new ImportError('empty', `${events.name} is empty`);
  checkDepth(events.name, events.text);
  const lines = events.text.split('\n');
  const raw: { type: string }[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    if (raw.length >= IMPORT_LIMITS.maxEventsPerRun) {
      throw new ImportError('too-many', `${events.name} has more than ${IMPORT_LIMITS.maxEventsPerRun} events`);
    }
    const value = parseJson(events.name, line, i + 1);
    const head = z.looseObject({ type: str }).safeParse(value);
    if (!head.success) throw shapeError(events.name, `line ${i + 1}`, head.error);
    raw.push(head.data);
  });
  const unknown = new Map<string, number>();
  const parsed = readEvents(events.name, 'events', raw, unknown);
  let fileSummary: RunSummary | null = null;
  if (summary) {
    if (summary.text.trim() === '') throw new ImportError('empty', `${summary.name} is empty`);
    checkDepth(summary.name, summary.text);
    const s = runSummarySchema.safeParse(parseJson(summary.name, summary.text));
    if (!s.success) throw shapeError(summary.name, '', s.error);
    fileSummary = s.data as RunSummary;
  }
  const done = parsed.find((e): e is Extract<RunEvent, { type: 'done' }> => e.type === 'done');
  const runSummary = done?.summary ?? fileSummary;
  if (!runSummary) {
    throw new ImportError('no-config', `${events.name} has no "done" event (the run did not finish) and no summary.json came with it, so the run's settings are unknown; pick its summary.json too`);
  }
  return {
    runs: [{ config: runSummary.config, events: parsed, summary: runSummary, ...(done ? {} : { ending: 'incomplete' as const }) }],
    notes: unknownNote(unknown),
  };
}

/** Guesses what a file is by its name. */
export function importKind(name: string): 'runs' | 'events' | 'summary' {
  const lower = name.toLowerCase();
  if (lower.endsWith('.jsonl')) return 'events';
  if (lower === 'summary.json' || lower.endsWith('/summary.json') || lower.endsWith('.summary.json')) return 'summary';
  return 'runs';
}

export interface ImportFile { name: string; size: number; text(): Promise<string> }

/**
 * Reads what the user picked: runs files, and/or one runner folder's events.jsonl with its
 * summary.json. Sizes are checked before anything is read.
 */
export async function readImportFiles(files: readonly ImportFile[]): Promise<ImportResult> {
  for (const f of files) checkFileSize(f.name, f.size);
  const events = files.filter((f) => importKind(f.name) === 'events');
  const summaries = files.filter((f) => importKind(f.name) === 'summary');
  const runFiles = files.filter((f) => importKind(f.name) === 'runs');
  if (events.length > 1 || summaries.length > 1) {
    throw new ImportError('unpaired', 'pick one runner folder at a time: one events.jsonl with its summary.json');
  }
  if (summaries.length === 1 && events.length === 0) {
    throw new ImportError('unpaired', `${summaries[0].name} holds only the final numbers; pick the events.jsonl beside it too (both at once) to import the run with its curves`);
  }
  const out: ImportResult = { runs: [], notes: [] };
  for (const f of runFiles) {
    const r = readRunFile(f.name, await f.text());
    out.runs.push(...r.runs);
    out.notes.push(...r.notes);
  }
  if (events.length === 1) {
    const r = readRunnerOutput(
      { name: events[0].name, text: await events[0].text() },
      summaries[0] ? { name: summaries[0].name, text: await summaries[0].text() } : undefined,
    );
    out.runs.push(...r.runs);
    out.notes.push(...r.notes);
  }
  return out;
}
