/**
 * What travels through the queue: one job per run (its full config, its key, the config schema
 * version it was made for) and what a worker sends back (the run's record or summary). Both are
 * checked with zod on arrival; the schema version is checked first, so a worker of another version
 * refuses a job with a message instead of computing something else. Pure: no Redis, no TF.js.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CONFIG_SCHEMA_VERSION, runConfigSchema, type RunConfig } from '../../src/engine/config/schema';
import { sweepRecordSchema, type SweepRecord } from '../../src/engine/sweep/record';
import type { RunEvent, RunSummary } from '../../src/engine/training/events';

/** One queue for every runner; jobs of different coordinators never share an id (see jobId). */
export const QUEUE_NAME = 'ftp-runs';

const backend = z.enum(['wasm', 'cpu']);
const key = z.string().regex(/^[0-9a-f]{16}$/, 'must be a 16-digit hex run key');
const sweepPoint = z.strictObject({ source: z.string().max(200), k: z.int().min(0).max(32), trainSize: z.int().min(1), labelNoise: z.number().min(0).max(1) });

/** The payload's schema version travels outside the payload's own schema: it is read before anything else. */
const versioned = { schemaVersion: z.int(), key, backend };

export const jobPayloadSchema = z.discriminatedUnion('kind', [
  /** one point of a double-descent sweep: the worker returns its sweep record */
  z.strictObject({ kind: z.literal('sweep'), ...versioned, sweep: z.string().max(200), point: sweepPoint, config: z.unknown() }),
  /** one run of the headless runner (npm run experiment, npm run results): the worker returns its summary (and events, if asked) */
  z.strictObject({ kind: z.literal('experiment'), ...versioned, events: z.boolean(), config: z.unknown() }),
]);
export type JobPayload = z.infer<typeof jobPayloadSchema>;
export type SweepPayload = Extract<JobPayload, { kind: 'sweep' }>;
export type ExperimentPayload = Extract<JobPayload, { kind: 'experiment' }>;

/** Where and when a worker ran the job. */
const ran = { key, worker: z.string().max(200), startedAt: z.string(), finishedAt: z.string(), wallSeconds: z.number().min(0) };

const summarySchema = z.looseObject({
  status: z.enum(['completed', 'stopped', 'diverged']),
  stepsDone: z.int().min(0),
  totalSteps: z.int().min(0),
  seconds: z.number(),
  backend: z.string(),
  config: runConfigSchema,
});

export const jobResultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sweep'), ...ran, record: sweepRecordSchema }),
  z.strictObject({ kind: z.literal('experiment'), ...ran, summary: summarySchema, events: z.array(z.looseObject({ type: z.string() })).optional() }),
]);
export type JobResult =
  | { kind: 'sweep'; key: string; worker: string; startedAt: string; finishedAt: string; wallSeconds: number; record: SweepRecord }
  | { kind: 'experiment'; key: string; worker: string; startedAt: string; finishedAt: string; wallSeconds: number; summary: RunSummary; events?: RunEvent[] };

/** Thrown for a job this worker must not run (another schema version, a malformed payload): never retried. */
export class RefusedJobError extends Error {
  override name = 'RefusedJobError';
}

/** The payload, checked: the schema version first (with a message that says which side to update), then its shape. */
export function readPayload(data: unknown): JobPayload {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== CONFIG_SCHEMA_VERSION) {
    throw new RefusedJobError(
      `this job was made for config schema version ${JSON.stringify(version)}, and this worker reads version ${CONFIG_SCHEMA_VERSION}: ` +
        'run a worker from the same version of the project as the coordinator (update this checkout, or the coordinator’s)',
    );
  }
  const parsed = jobPayloadSchema.safeParse(data);
  if (!parsed.success) {
    throw new RefusedJobError(`malformed job: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'job'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The worker's answer, checked against the job it answers. */
export function readResult(value: unknown, payload: JobPayload): JobResult {
  const parsed = jobResultSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`a worker returned a malformed result: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'result'}: ${i.message}`).join('; ')}`);
  }
  const result = parsed.data as JobResult;
  if (result.kind !== payload.kind || result.key !== payload.key) {
    throw new Error(`a worker returned the result of another job (${result.kind} ${result.key}, expected ${payload.kind} ${payload.key})`);
  }
  return result;
}

export function sweepPayload(sweep: string, point: SweepPayload['point'], config: RunConfig, runKey: string, backendId: 'wasm' | 'cpu'): SweepPayload {
  return { kind: 'sweep', schemaVersion: CONFIG_SCHEMA_VERSION, key: runKey, backend: backendId, sweep, point, config };
}

export function experimentPayload(config: RunConfig, runKey: string, backendId: 'wasm' | 'cpu', events: boolean): ExperimentPayload {
  return { kind: 'experiment', schemaVersion: CONFIG_SCHEMA_VERSION, key: runKey, backend: backendId, events, config };
}

/**
 * A job's id: deterministic, from where its result goes (the results file, the sweep's file and
 * name, the experiment's folder) and the run's key. A coordinator restarted on the same runs finds
 * its jobs again, and adding a job that is already queued, running or finished adds nothing.
 * (BullMQ ids may not contain ':'.)
 */
export function jobId(kind: JobPayload['kind'], destination: string, runKey: string): string {
  const where = createHash('sha256').update(destination).digest('hex').slice(0, 12);
  return `${kind}.${where}.${runKey}`;
}
