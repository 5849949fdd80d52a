/**
 * One sweep run as a JSON line: its point, its config, how many labels were flipped, and its
 * per-epoch curve of train error (against the labels it trained on) and clean test error. Built
 * the same way from a run's events in Node and from a run's view in the page; read back with
 * parseSweepLines (hostile input: validated, bounded). Pure: no TF.js.
 */
import { z } from 'zod';
import { runConfigSchema, type RunConfig } from '../config/schema';
import type { EvalRecord, RunInfo, RunSummary } from '../training/events';
import { stepsPerEpoch, type SweepPoint } from './spec';

export const SWEEP_RECORD_KIND = 'ftp-sweep-run';
export const SWEEP_RECORD_VERSION = 1;

/** Training error at or below this counts as interpolation (≈ 0: every training label, noisy ones included, fitted). */
export const INTERPOLATION_ERROR = 0.01;

export interface SweepEpoch {
  epoch: number;
  /** 1 − accuracy on the training images with their (noisy) labels */
  trainErr: number;
  /** 1 − accuracy on the clean test images */
  testErr: number;
  /** 1 − accuracy on the clean validation images */
  valErr: number;
}

export interface SweepRecord {
  kind: typeof SWEEP_RECORD_KIND;
  version: typeof SWEEP_RECORD_VERSION;
  /** the sweep's name (one file may hold several sweeps) */
  sweep: string;
  point: SweepPoint;
  config: RunConfig;
  trainImages: number;
  testImages: number;
  flippedLabels: number;
  /** parameters that train with k blocks frozen (the head included); absent in records written before it was kept */
  trainableParams?: number;
  curve: SweepEpoch[];
  final: { trainErr: number; testErr: number };
  /** first epoch whose training error is ≤ INTERPOLATION_ERROR, or null */
  interpolationEpoch: number | null;
  status: RunSummary['status'] | 'incomplete';
  seconds: number;
  backend: string;
}

const num = z.number().finite();
const rate = z.number().min(0).max(1);

export const sweepRecordSchema = z.looseObject({
  kind: z.literal(SWEEP_RECORD_KIND),
  version: z.literal(SWEEP_RECORD_VERSION),
  sweep: z.string().max(200),
  point: z.strictObject({ source: z.string().max(200), k: z.int().min(0).max(32), trainSize: z.int().min(1), labelNoise: rate }),
  config: runConfigSchema,
  trainImages: z.int().min(0),
  testImages: z.int().min(0),
  flippedLabels: z.int().min(0),
  trainableParams: z.int().min(0).optional(),
  curve: z.array(z.strictObject({ epoch: num, trainErr: rate, testErr: rate, valErr: rate })).max(5000),
  final: z.strictObject({ trainErr: rate, testErr: rate }),
  interpolationEpoch: num.nullable(),
  status: z.enum(['completed', 'stopped', 'diverged', 'incomplete']),
  seconds: num,
  backend: z.string().max(100),
});

export function interpolationEpoch(curve: readonly SweepEpoch[], threshold = INTERPOLATION_ERROR): number | null {
  return curve.find((e) => e.epoch > 0 && e.trainErr <= threshold)?.epoch ?? null;
}

/** The record of a run from what it reported: its info, its evaluations (with trainAcc) and its summary, if it finished. */
export function sweepRecord(
  sweep: string, point: SweepPoint, config: RunConfig,
  run: { info: RunInfo | null; evals: readonly EvalRecord[]; summary: RunSummary | null },
): SweepRecord {
  const trainImages = run.info?.trainImages ?? config.trainSize;
  const perEpoch = stepsPerEpoch(trainImages, config.batchSize);
  const curve = run.evals.map((e) => ({
    epoch: Math.round((e.step / perEpoch) * 100) / 100,
    trainErr: 1 - (e.trainAcc ?? Number.NaN),
    testErr: 1 - e.idAcc,
    valErr: 1 - e.valAcc,
  })).filter((e) => Number.isFinite(e.trainErr));
  const last = curve[curve.length - 1];
  return {
    kind: SWEEP_RECORD_KIND, version: SWEEP_RECORD_VERSION, sweep, point, config,
    trainImages, testImages: run.info?.evalImages ?? 0, flippedLabels: run.info?.labelNoise?.flipped ?? 0,
    ...(run.info ? { trainableParams: run.info.parameters.trainable } : {}),
    curve,
    final: { trainErr: last?.trainErr ?? 1, testErr: last?.testErr ?? 1 },
    interpolationEpoch: interpolationEpoch(curve),
    status: run.summary?.status ?? 'incomplete',
    seconds: run.summary?.seconds ?? 0,
    backend: run.summary?.backend ?? run.info?.backend ?? '',
  };
}

export const SWEEP_FILE_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRecords: 2000 };

/** Records from a JSON-lines text (blank lines skipped); throws an Error naming the first bad line. */
export function parseSweepLines(text: string): SweepRecord[] {
  if (text.length > SWEEP_FILE_LIMITS.maxBytes) throw new Error(`the file is larger than ${SWEEP_FILE_LIMITS.maxBytes / 1024 / 1024} MB`);
  const out: SweepRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let value: unknown;
    try { value = JSON.parse(line); } catch { throw new Error(`line ${i + 1} is not JSON`); }
    const parsed = sweepRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`line ${i + 1} is not a sweep run (${issue.path.join('.') || 'record'}: ${issue.message})`);
    }
    out.push(parsed.data as unknown as SweepRecord);
    if (out.length > SWEEP_FILE_LIMITS.maxRecords) throw new Error(`more than ${SWEEP_FILE_LIMITS.maxRecords} runs`);
  }
  if (out.length === 0) throw new Error('the file holds no sweep runs');
  return out;
}
