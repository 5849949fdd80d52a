/**
 * Runs a sweep's points with the engine (Node) and appends one JSON line per run
 * (src/engine/sweep/record.ts) as each finishes, so a long sweep can be watched, stopped and resumed:
 * points already in the file under the same sweep name are skipped. In-process (the default) the
 * points run one after another here; with a queue coordinator every point is a job that workers
 * take (scripts/queue/), and this process only writes what they return. Either way each point is
 * trained by runSweepPoint, and a point that throws is listed in <out>.failed.jsonl (the page
 * imports <out> itself, which holds results only) and tried again by the next invocation.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { zooLookup } from '../../src/engine/config/modelLookup';
import type { RunConfig } from '../../src/engine/config/schema';
import { validateConfig } from '../../src/engine/config/validate';
import { parseSweepLines, sweepRecord, type SweepRecord } from '../../src/engine/sweep/record';
import { pointKey, sweepConfig, sweepPoints, type SweepPoint, type SweepSpec } from '../../src/engine/sweep/spec';
import type { EvalRecord, RunInfo } from '../../src/engine/training/events';
import { runTraining } from '../../src/engine/training/run';
import { publicDirReader } from '../node/fileAssets';
import type { Coordinator, JobOutcome } from '../queue/coordinator';
import { jobId, sweepPayload } from '../queue/jobs';
import { configKey } from '../results/records';

export interface SweepRunOptions {
  name: string;
  out: string;
  log?: (line: string) => void;
  shouldStop?: () => boolean;
  /** run every point as a job on this queue instead of here */
  queue?: Coordinator;
  /** the backend the queue's workers use (in-process: the one this process set up) */
  backend?: 'wasm' | 'cpu';
}

/** A point that threw: one line of <out>.failed.jsonl. */
export interface SweepFailure {
  kind: 'ftp-sweep-failure';
  sweep: string;
  point: SweepPoint;
  error: string;
  attempts: number;
  at: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const failuresFile = (out: string) => `${out}.failed.jsonl`;

/** One point of a sweep, trained here: the one function the in-process runner and the queue's workers call. */
export async function runSweepPoint(
  run: { sweep: string; point: SweepPoint; config: RunConfig }, shouldStop?: () => boolean,
): Promise<SweepRecord> {
  let info: RunInfo | null = null;
  const evals: EvalRecord[] = [];
  const summary = await runTraining(run.config, {
    reader: publicDirReader(),
    control: { checkpoint: () => new Promise((done) => setImmediate(() => done(shouldStop?.() ?? false))) },
    emit: (e) => {
      if (e.type === 'info') info = e.info;
      if (e.type === 'eval') evals.push(e.record);
    },
  });
  return sweepRecord(run.sweep, run.point, run.config, { info, evals, summary });
}

/** The points of the spec, each with its validated config; throws naming the first invalid one. */
function plannedRuns(spec: SweepSpec): { point: SweepPoint; config: RunConfig }[] {
  return sweepPoints(spec).map((point) => {
    const validation = validateConfig(sweepConfig(spec, point), zooLookup);
    if (!validation.ok) throw new Error(`${pointKey(point)}: ${validation.errors.map((e) => e.message).join('; ')}`);
    return { point, config: validation.config };
  });
}

function describe(record: SweepRecord): string {
  return `${record.flippedLabels} labels flipped; final train err ${pct(record.final.trainErr)}, test err ${pct(record.final.testErr)}; ` +
    `min test err ${pct(Math.min(...record.curve.map((c) => c.testErr)))}; train err ≈ 0 at epoch ${record.interpolationEpoch ?? '—'} (${record.seconds.toFixed(0)} s)`;
}

export async function runSweep(spec: SweepSpec, opts: SweepRunOptions): Promise<{ records: SweepRecord[]; failed: SweepFailure[] }> {
  const log = opts.queue ? (l: string) => opts.queue!.log(l) : (opts.log ?? (() => {}));
  const runs = plannedRuns(spec);
  mkdirSync(dirname(opts.out), { recursive: true });
  const done = new Set(existsSync(opts.out) && readFileSync(opts.out, 'utf8').trim()
    ? parseSweepLines(readFileSync(opts.out, 'utf8')).filter((r) => r.sweep === opts.name).map((r) => pointKey(r.point)) : []);
  const out: SweepRecord[] = [];
  const failed: SweepFailure[] = [];
  const tag = (point: SweepPoint) => `[${runs.findIndex((r) => r.point === point) + 1}/${runs.length}] ${pointKey(point)}`;

  /** The one place a point's outcome is written, whichever way it ran. */
  const write = (point: SweepPoint, outcome: { record: SweepRecord } | { error: string; attempts: number }) => {
    if ('record' in outcome) {
      appendFileSync(opts.out, `${JSON.stringify(outcome.record)}\n`);
      out.push(outcome.record);
      done.add(pointKey(point));
      log(`${tag(point)}: ${describe(outcome.record)}`);
    } else {
      const failure: SweepFailure = { kind: 'ftp-sweep-failure', sweep: opts.name, point, error: outcome.error, attempts: outcome.attempts, at: new Date().toISOString() };
      appendFileSync(failuresFile(opts.out), `${JSON.stringify(failure)}\n`);
      failed.push(failure);
      log(`${tag(point)}: FAILED after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}: ${outcome.error} (listed in ${failuresFile(opts.out)}; the next run of this sweep tries it again)`);
    }
  };

  const todo = runs.filter((r) => {
    if (!done.has(pointKey(r.point))) return true;
    log(`${tag(r.point)}: already in ${opts.out}`);
    return false;
  });

  if (opts.queue) {
    const queue = opts.queue;
    queue.plan(runs.length, runs.length - todo.length);
    const destination = `${resolve(opts.out)}\n${opts.name}`;
    await Promise.all(todo.map(async ({ point, config }) => {
      const key = configKey(config);
      const id = jobId('sweep', destination, key);
      const outcome: JobOutcome = await queue.submit(id, sweepPayload(opts.name, point, config, key, opts.backend ?? 'wasm'));
      if ('interrupted' in outcome) return;
      if (outcome.ok && outcome.result.kind === 'sweep') {
        if (done.has(pointKey(point))) return; // never twice in the file
        write(point, { record: outcome.result.record });
      } else {
        write(point, { error: outcome.ok ? 'a worker returned another kind of result' : outcome.error, attempts: outcome.attempts });
      }
      await queue.written(id, outcome);
    }));
  } else {
    for (const { point, config } of todo) {
      if (opts.shouldStop?.()) break;
      let record: SweepRecord;
      try {
        record = await runSweepPoint({ sweep: opts.name, point, config }, opts.shouldStop);
      } catch (e) {
        write(point, { error: e instanceof Error ? e.message : String(e), attempts: 1 });
        continue;
      }
      if (record.status === 'stopped') break; // Ctrl-C mid-run: not a result
      write(point, { record });
    }
  }
  if (failed.length) log(`${failed.length} point${failed.length === 1 ? '' : 's'} failed: see ${failuresFile(opts.out)}`);
  return { records: out, failed };
}
