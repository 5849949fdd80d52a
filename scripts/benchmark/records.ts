/**
 * The benchmark results file runs/benchmark/<plan>.jsonl: one line per finished run with what
 * DomainBed's model selection needs — every checkpoint's training-domain validation accuracy and
 * held-out-domain accuracy — so the tables are made from this file alone and --resume skips the
 * runs already in it.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { configKey } from '../results/records';
import type { RunConfig } from '../../src/engine/config/schema';
import type { RunSummary, EvalRecord } from '../../src/engine/training/events';
import type { Job } from './plans';

export interface Checkpoint {
  step: number;
  /** training-domain validation accuracy (the 'out' parts of the training domains) */
  valAcc: number;
  /** accuracy on the held-out domain's 'in' part (DomainBed's reported test accuracy) */
  testAcc: number;
}

export interface BenchmarkRecord {
  key: string;
  plan: string;
  benchmark: string;
  testDomain: number;
  trial: number;
  algorithm: string;
  hparamSample: number;
  budget: string;
  lr: number;
  batchSize: number;
  status: RunSummary['status'] | 'failed';
  error?: string;
  seconds: number;
  checkpoints: Checkpoint[];
  finishedAt: string;
  config: RunConfig;
}

/** DomainBed's checkpoints are taken after training steps; step 0 (untrained) is left out. */
export function checkpointsFrom(evals: readonly EvalRecord[]): Checkpoint[] {
  return evals.filter((e) => e.step > 0).map((e) => {
    const domain = Object.entries(e.ood).find(([k]) => k.startsWith('domain:'));
    if (!domain) throw new Error('a benchmark evaluation has no held-out domain');
    return { step: e.step, valAcc: e.valAcc, testAcc: domain[1] as number };
  });
}

export function recordFrom(job: Job, outcome: { summary: RunSummary; evals: EvalRecord[] } | { error: string }): BenchmarkRecord {
  const base = {
    key: configKey(job.config), plan: job.plan, benchmark: job.benchmark, testDomain: job.testDomain, trial: job.trial,
    algorithm: job.algorithm, hparamSample: job.hparamSample, budget: job.budget, lr: job.config.lr, batchSize: job.config.batchSize,
    finishedAt: new Date().toISOString(), config: job.config,
  };
  if ('error' in outcome) return { ...base, status: 'failed', error: outcome.error, seconds: 0, checkpoints: [] };
  return { ...base, status: outcome.summary.status, seconds: outcome.summary.seconds, checkpoints: checkpointsFrom(outcome.evals) };
}

export function readRecords(path: string): BenchmarkRecord[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).flatMap((l) => {
    try { return [JSON.parse(l) as BenchmarkRecord]; } catch { return []; }
  });
}

export function appendRecord(path: string, record: BenchmarkRecord): void {
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}
