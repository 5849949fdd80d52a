/**
 * `npm run benchmark`: DomainBed-protocol runs on RotatedMNIST / ColoredMNIST in this engine.
 *
 *   npm run benchmark -- --plan erm-rmnist [--hparams 2] [--budget small] [--domains 0,5] [--shard 0/2] [--resume]
 *   npm run benchmark -- --plan methods-cmnist [--model resnet-broad] [--methods LP,FT] [--resume]
 *     (--methods: default every results-matrix row a method spec marks `benchmark`)
 *   npm run benchmark -- --report          (print the tables)
 *   npm run benchmark -- --write-docs      (rewrite the benchmark section of docs/results.md)
 *
 * Plans: erm-rmnist, erm-cmnist (MNIST_CNN from scratch, DomainBed's ERM), methods-rmnist,
 * methods-cmnist (our pretrained models fine-tuned on the same splits). Runs go one after another
 * in this process; a finished run appends a line to runs/benchmark/<plan>[-<budget>].jsonl, and
 * --resume skips the runs already there. --shard i/n runs every n-th job from i, so n processes
 * can share a plan. --report prints the tables (scripts/benchmark/report.ts) from the files.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { validateConfig } from '../../src/engine/config/validate';
import { BENCHMARKS } from '../../src/engine/data/targets';
import type { EvalRecord } from '../../src/engine/training/events';
import { runTraining } from '../../src/engine/training/run';
import { publicDirReader } from '../node/fileAssets';
import { useNodeBackend } from '../node/tfNode';
import { benchmarkModelLookup, mnistCnnSource } from './mnistCnnSource';
import { benchmarkMethods, makeJobs, type Job } from './plans';
import { appendRecord, readRecords, recordFrom } from './records';
import { withMarkedBlock } from './docsBlock';
import { loadAll, printReport } from './report';
import { renderSection } from './section';

export const BENCHMARK_DIR = 'runs/benchmark';
export const RESULTS_MD = 'docs/results.md';

export function resultsPath(plan: string, budget: string): string {
  return join(BENCHMARK_DIR, plan.startsWith('erm') ? `${plan}-${budget}.jsonl` : `${plan}.jsonl`);
}

export async function runJob(job: Job, log: (m: string) => void = () => {}): Promise<ReturnType<typeof recordFrom>> {
  const checked = validateConfig(job.config, benchmarkModelLookup);
  if (!checked.ok) return recordFrom(job, { error: checked.errors.map((e) => e.message).join('; ') });
  const evals: EvalRecord[] = [];
  const numClasses = BENCHMARKS[job.benchmark].classNames.length;
  try {
    const summary = await runTraining(checked.config, {
      reader: publicDirReader(),
      control: { checkpoint: () => new Promise((resolve) => setImmediate(() => resolve(false))) },
      models: (id) => mnistCnnSource(id, numClasses, job.config.seed),
      emit: (e) => {
        if (e.type === 'eval') {
          evals.push(e.record);
          const held = Object.entries(e.record.ood).find(([k]) => k.startsWith('domain:'));
          log(`  step ${e.record.step}: val ${(e.record.valAcc * 100).toFixed(1)} %, held-out ${held?.[0]} ${((held?.[1] ?? 0) * 100).toFixed(1)} %`);
        }
      },
    });
    return recordFrom(job, { summary, evals });
  } catch (e) {
    return recordFrom(job, { error: e instanceof Error ? e.message : String(e) });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      plan: { type: 'string' }, hparams: { type: 'string', default: '2' }, budget: { type: 'string', default: 'small' },
      model: { type: 'string', default: 'resnet-broad' }, methods: { type: 'string', default: benchmarkMethods().map((m) => m.label).join(',') },
      domains: { type: 'string' }, trials: { type: 'string' }, shard: { type: 'string', default: '0/1' },
      resume: { type: 'boolean', default: false }, report: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false },
      'write-docs': { type: 'boolean', default: false },
    },
  });
  if (values.report) { printReport(BENCHMARK_DIR); return; }
  if (values['write-docs']) {
    const md = withMarkedBlock(readFileSync(RESULTS_MD, 'utf8'), renderSection(loadAll(BENCHMARK_DIR)));
    writeFileSync(RESULTS_MD, md);
    console.log(`wrote the benchmark section of ${RESULTS_MD}`);
    return;
  }
  if (!values.plan) throw new Error('--plan erm-rmnist | erm-cmnist | methods-rmnist | methods-cmnist, or --report');
  await useNodeBackend('wasm');
  const [shard, shards] = values.shard!.split('/').map(Number);
  const all = makeJobs(values.plan, {
    hparamSamples: Number(values.hparams), budget: values.budget!, model: values.model!, methods: values.methods!.split(','),
    domains: values.domains?.split(',').map(Number), trials: values.trials?.split(',').map(Number),
  });
  const path = resultsPath(values.plan, values.budget!);
  mkdirSync(BENCHMARK_DIR, { recursive: true });
  const done = new Set(values.resume ? readRecords(path).filter((r) => r.status !== 'failed').map((r) => r.key) : []);
  const jobs = all.filter((_, i) => i % shards === shard);
  const log = (m: string) => { if (!values.quiet) console.log(m); };
  let n = 0;
  for (const job of jobs) {
    n++;
    const record0 = recordFrom(job, { error: 'pending' });
    if (done.has(record0.key)) continue;
    const t0 = performance.now();
    console.log(`[${n}/${jobs.length}] ${job.algorithm} ${job.benchmark} test domain ${job.testDomain} trial ${job.trial} sample ${job.hparamSample} (lr ${job.config.lr.toPrecision(3)}, batch ${job.config.batchSize})`);
    const record = await runJob(job, log);
    appendRecord(path, record);
    const best = record.checkpoints.reduce((b, c) => (c.valAcc > b.valAcc ? c : b), { step: 0, valAcc: -1, testAcc: Number.NaN });
    console.log(`  → ${record.status}${record.error ? `: ${record.error}` : ''} in ${((performance.now() - t0) / 1000).toFixed(0)} s; best val ${(best.valAcc * 100).toFixed(1)} % at step ${best.step}, held-out ${(best.testAcc * 100).toFixed(1)} %`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch((e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
