/**
 * Several configs in one `npm run experiment` (optionally through the queue): each run's events.jsonl
 * and summary.json go to its own folder, <out>/<config name>/ (with one config: <out> itself, as a
 * single run always did). A run that fails leaves error.txt there instead; --resume skips every run
 * whose folder already holds the summary of the same config.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunConfig } from '../../src/engine/config/schema';
import type { RunEvent, RunSummary } from '../../src/engine/training/events';
import { runExperiment } from './runOne';
import type { NodeBackend } from '../node/tfNode';
import type { Coordinator } from '../queue/coordinator';
import { experimentPayload, jobId } from '../queue/jobs';
import { configKey } from '../results/records';

export interface BatchRun { name: string; config: RunConfig; dir: string }
export interface FinishedRun { run: BatchRun; summary: RunSummary; events: RunEvent[] }

export interface BatchOptions {
  backend: NodeBackend;
  quiet: boolean;
  resume: boolean;
  queue?: Coordinator;
  log: (line: string) => void;
  /** runs sharing this machine (runOne.ts: whether evaluation gets a thread of its own) */
  runsAtOnce?: number;
}

/** The summary already in the run's folder, if it is of this very config and a finished run. */
function finishedBefore(run: BatchRun): RunSummary | undefined {
  const path = join(run.dir, 'summary.json');
  if (!existsSync(path)) return undefined;
  try {
    const summary = JSON.parse(readFileSync(path, 'utf8')) as RunSummary;
    return summary.status !== 'stopped' && configKey(summary.config) === configKey(run.config) ? summary : undefined;
  } catch {
    return undefined;
  }
}

function readEvents(dir: string): RunEvent[] {
  const path = join(dir, 'events.jsonl');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as RunEvent) : [];
}

/** The one place a run's outcome is written, whichever way it ran (in-process, events.jsonl is already written as they came). */
function writeOutcome(run: BatchRun, outcome: { summary: RunSummary; events?: RunEvent[] } | { error: string }): void {
  mkdirSync(run.dir, { recursive: true });
  if ('error' in outcome) {
    writeFileSync(join(run.dir, 'error.txt'), `${outcome.error}\n`);
    return;
  }
  rmSync(join(run.dir, 'error.txt'), { force: true });
  if (outcome.events) writeFileSync(join(run.dir, 'events.jsonl'), outcome.events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  writeFileSync(join(run.dir, 'summary.json'), `${JSON.stringify(outcome.summary, null, 2)}\n`);
}

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

export async function runBatch(runs: readonly BatchRun[], opts: BatchOptions): Promise<{ finished: FinishedRun[]; failed: { run: BatchRun; error: string }[] }> {
  const log = opts.queue ? (l: string) => opts.queue!.log(l) : opts.log;
  const finished: FinishedRun[] = [];
  const failed: { run: BatchRun; error: string }[] = [];
  const report = (run: BatchRun, outcome: { summary: RunSummary; events: RunEvent[] } | { error: string }) => {
    if ('error' in outcome) {
      failed.push({ run, error: outcome.error });
      log(`${run.name}: FAILED: ${outcome.error} (${join(run.dir, 'error.txt')})`);
    } else {
      finished.push({ run, ...outcome });
      log(`${run.name}: ${outcome.summary.status}, ${outcome.summary.stepsDone}/${outcome.summary.totalSteps} steps; last ID ${pct(outcome.summary.last?.idAcc)}, OOD mean ${pct(outcome.summary.last?.oodMean)} → ${run.dir}`);
    }
  };
  const todo = runs.filter((run) => {
    const before = opts.resume ? finishedBefore(run) : undefined;
    if (!before) return true;
    finished.push({ run, summary: before, events: readEvents(run.dir) });
    log(`${run.name}: already in ${run.dir}`);
    return false;
  });

  if (opts.queue) {
    const queue = opts.queue;
    queue.plan(runs.length, runs.length - todo.length);
    await Promise.all(todo.map(async (run) => {
      const key = configKey(run.config);
      const id = jobId('experiment', resolve(run.dir), key);
      const outcome = await queue.submit(id, experimentPayload(run.config, key, opts.backend, true));
      if ('interrupted' in outcome) return;
      if (outcome.ok && outcome.result.kind === 'experiment') {
        const events = outcome.result.events ?? [];
        writeOutcome(run, { summary: outcome.result.summary, events });
        report(run, { summary: outcome.result.summary, events });
      } else {
        const error = outcome.ok ? 'a worker returned another kind of result' : outcome.error;
        writeOutcome(run, { error });
        report(run, { error });
      }
      await queue.written(id, outcome);
    }));
  } else {
    for (const run of todo) {
      const events: RunEvent[] = [];
      try {
        const summary = await runExperiment(run.config, { outDir: run.dir, backend: opts.backend, quiet: opts.quiet, runsAtOnce: opts.runsAtOnce, onEvent: (e) => events.push(e) });
        if (summary.status === 'stopped') break;
        writeOutcome(run, { summary });
        report(run, { summary, events });
      } catch (e) {
        writeOutcome(run, { error: e instanceof Error ? e.message : String(e) });
        report(run, { error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return { finished, failed };
}
