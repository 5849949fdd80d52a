/**
 * The results file runs/results/<scenario>.jsonl: one line per finished run (type "run") and one
 * per runner invocation (type "session": command, options, machine). The report is made from
 * this file alone; `--resume` reads it to skip the runs already done.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { RunConfig } from '../../src/engine/config/schema';
import type { EvalRecord, RunSummary } from '../../src/engine/training/events';
import type { GridParam } from './scenarios';

export const RECORD_VERSION = 1;

/** What a record keeps of an evaluation (drift and diagnostics are left in the run's events.jsonl). */
export type EvalNumbers = Pick<EvalRecord, 'step' | 'phase' | 'idAcc' | 'valAcc' | 'ood' | 'oodMean' | 'oodWorst' | 'worstShift' | 'distortion'>;

export interface HostInfo {
  os: string;
  cpus: number;
  cpuModel: string;
  memGiB: number;
  node: string;
}

export interface SessionRecord {
  type: 'session';
  version: number;
  id: string;
  scenario: string;
  model: string;
  startedAt: string;
  /** how the runner was invoked, e.g. "npm run results -- --scenario mnist-resnet --parallel 2" */
  command: string;
  /** queue: the Redis URL when the runs went through the job queue (npm run worker) */
  options: { seeds: number; parallel: number; quick: boolean; only: string[] | null; resume: boolean; backend: string; queue?: string };
  /** the methods and grids this session ran, and the methods the model cannot run */
  plan: { methods: { label: string; param: GridParam; grid: number[] }[]; skipped: { method: string; reason: string }[] };
  host: HostInfo;
}

export type RunStatus = 'completed' | 'diverged' | 'failed';

export interface RunRecord {
  type: 'run';
  version: number;
  /** hash of the complete config: the identity of a run for --resume */
  key: string;
  scenario: string;
  model: string;
  /** method label (METHODS) */
  method: string;
  param: GridParam;
  value: number;
  seed: number;
  /** "grid": a grid point on seed 0; "seeds": a further seed of the chosen point */
  stage: 'grid' | 'seeds';
  status: RunStatus;
  error?: string;
  divergedAtStep?: number;
  stepsDone: number;
  totalSteps: number;
  /** the engine's run time (loading, training and evaluation) */
  seconds: number;
  /** wall time of the child process, start-up included */
  wallSeconds: number;
  backend: string;
  session: string;
  startedAt: string;
  finishedAt: string;
  last: EvalNumbers | null;
  bestVal: EvalNumbers | null;
  config: RunConfig;
}

export type ResultsLine = RunRecord | SessionRecord;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** A run's identity: the hash of its complete config (key order does not matter). */
/**
 * Fields the config gained after results were first recorded, with the value that means "as before":
 * left out of the key at that value, so an older results file still resumes and aggregates.
 */
const ADDED_FIELD_DEFAULTS: Record<string, unknown> = { targetClasses: 'all', labelNoise: 0, evalTrain: false, testDomain: 0 };

export function configKey(config: RunConfig): string {
  const keyed: Record<string, unknown> = { ...config };
  for (const [field, value] of Object.entries(ADDED_FIELD_DEFAULTS)) if (keyed[field] === value) delete keyed[field];
  return createHash('sha256').update(JSON.stringify(canonical(keyed as RunConfig))).digest('hex').slice(0, 16);
}

export function evalNumbers(e: EvalRecord | null): EvalNumbers | null {
  if (!e) return null;
  const { step, phase, idAcc, valAcc, ood, oodMean, oodWorst, worstShift, distortion } = e;
  return { step, phase, idAcc, valAcc, ood, oodMean, oodWorst, worstShift, distortion };
}

export function runRecordFrom(
  base: Omit<RunRecord, 'type' | 'version' | 'key' | 'status' | 'stepsDone' | 'totalSteps' | 'seconds' | 'backend' | 'last' | 'bestVal' | 'divergedAtStep' | 'error'>,
  outcome: { summary: RunSummary } | { error: string },
): RunRecord {
  const common = { type: 'run' as const, version: RECORD_VERSION, key: configKey(base.config), ...base };
  if ('error' in outcome) {
    return { ...common, status: 'failed', error: outcome.error, stepsDone: 0, totalSteps: 0, seconds: 0, backend: '', last: null, bestVal: null };
  }
  const s = outcome.summary;
  if (s.status === 'stopped') throw new Error('a stopped run is not a result');
  return {
    ...common,
    status: s.status,
    ...(s.divergedAtStep !== undefined ? { divergedAtStep: s.divergedAtStep } : {}),
    stepsDone: s.stepsDone,
    totalSteps: s.totalSteps,
    seconds: s.seconds,
    backend: s.backend,
    last: evalNumbers(s.last),
    bestVal: evalNumbers(s.bestVal),
  };
}

/** Parses a results file's text; blank and unreadable lines (a run cut off mid-write) are skipped. */
export function parseResults(text: string): { runs: RunRecord[]; sessions: SessionRecord[]; skipped: number } {
  const runs: RunRecord[] = [];
  const sessions: SessionRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let obj: ResultsLine;
    try {
      obj = JSON.parse(line) as ResultsLine;
    } catch {
      skipped++;
      continue;
    }
    if (obj?.type === 'run') runs.push(obj);
    else if (obj?.type === 'session') sessions.push(obj);
    else skipped++;
  }
  return { runs, sessions, skipped };
}

export function readResults(path: string): ReturnType<typeof parseResults> {
  return existsSync(path) ? parseResults(readFileSync(path, 'utf8')) : { runs: [], sessions: [], skipped: 0 };
}

export function appendLine(path: string, line: ResultsLine): void {
  appendFileSync(path, `${JSON.stringify(line)}\n`);
}

/** Runs that --resume does not repeat: finished ones (completed, or diverged — a result too). Failed runs are retried. */
export function doneKeys(runs: readonly RunRecord[]): Set<string> {
  return new Set(runs.filter((r) => r.status === 'completed' || r.status === 'diverged').map((r) => r.key));
}

/**
 * One record per run identity: the latest finished one, else the latest failed one
 * (a run repeated after a failure or by hand counts once).
 */
export function latestPerKey(runs: readonly RunRecord[]): RunRecord[] {
  const byKey = new Map<string, RunRecord>();
  for (const r of runs) {
    const prev = byKey.get(r.key);
    const finished = (x: RunRecord) => x.status !== 'failed';
    if (!prev || finished(r) || !finished(prev)) byKey.set(r.key, r);
  }
  return [...byKey.values()];
}
