/**
 * `npm run worker -- --queue redis://host:port[/db] [--concurrency N]`: takes runs from the queue
 * that `npm run sweep|results|experiment -- --queue …` fill, trains each with the same engine as
 * the in-process runners (in a child process per concurrent job: scripts/queue/processor.ts), and
 * returns its record. Start one per machine (N = its cores, or fewer if memory is short); stop it
 * with Ctrl-C (it finishes the runs in hand; a second Ctrl-C leaves them to other workers).
 * A worker that dies mid-run (killed, machine lost) stops renewing its job's lock, and another
 * worker's stalled-job check puts the job back in the queue within about --lock-ms + --stalled-ms.
 */
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, type Job } from 'bullmq';
import { checkRedis, connectionOptions, parseRedisUrl, QUEUE_USAGE } from './connection';
import { QUEUE_NAME, type JobPayload, type JobResult } from './jobs';

export const WORKER_USAGE = `usage: npm run worker -- --queue redis://host:port[/db] [--concurrency 1] [--lock-ms 30000] [--stalled-ms 30000] [--name <worker name>]
  ${QUEUE_USAGE}; --concurrency: runs trained at once (one child process each);
  --lock-ms: how long a job's lock lives without renewal (renewed every half of it): a dead worker's job is retried after about this;
  --stalled-ms: how often this worker looks for jobs whose worker died`;

const PROCESSOR = join(dirname(fileURLToPath(import.meta.url)), 'processor.ts');

/** How many times a job may be found stalled (its worker died) and still be retried. */
export const MAX_STALLED = 3;

function describeJob(job: Job<JobPayload>): string {
  const d = job.data;
  if (d?.kind === 'sweep') return `sweep "${d.sweep}" ${d.point.source} k=${d.point.k} n=${d.point.trainSize} noise ${d.point.labelNoise}`;
  if (d?.kind === 'experiment') return `run ${d.key}`;
  return `job ${job.id}`;
}

function positiveInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be an integer ≥ 1 (got ${text})`);
  return n;
}

async function main(): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      options: { queue: { type: 'string' }, concurrency: { type: 'string' }, 'lock-ms': { type: 'string' }, 'stalled-ms': { type: 'string' }, name: { type: 'string' } },
    });
    if (!values.queue) throw new Error('--queue is required');
    options = {
      target: parseRedisUrl(values.queue),
      concurrency: positiveInt(values.concurrency, 'concurrency', 1),
      lockMs: positiveInt(values['lock-ms'], 'lock-ms', 30_000),
      stalledMs: positiveInt(values['stalled-ms'], 'stalled-ms', 30_000),
      name: values.name ?? `${hostname()}:${process.pid}`,
    };
  } catch (e) {
    console.error(`${(e as Error).message}\n${WORKER_USAGE}`);
    return 2;
  }
  try {
    await checkRedis(options.target);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const worker = new Worker<JobPayload, JobResult>(QUEUE_NAME, PROCESSOR, {
    connection: connectionOptions(options.target),
    concurrency: options.concurrency,
    lockDuration: options.lockMs,
    stalledInterval: options.stalledMs,
    maxStalledCount: MAX_STALLED,
    name: options.name,
  });
  const t = () => new Date().toISOString().slice(11, 19);
  worker.on('active', (job) => console.log(`${t()} start  ${job.id}: ${describeJob(job)} (attempt ${job.attemptsStarted})`));
  worker.on('completed', (job, result) => console.log(`${t()} done   ${job.id}: ${result.wallSeconds.toFixed(1)} s`));
  worker.on('failed', (job, err) => console.log(`${t()} failed ${job?.id ?? '?'}: ${err.message}${job && job.attemptsMade < (job.opts.attempts ?? 1) && err.name !== 'UnrecoverableError' ? ' (will be retried)' : ''}`));
  worker.on('error', (err) => console.error(`${t()} worker error: ${err.message}`));
  await worker.waitUntilReady();
  console.log(`worker ${options.name}: ${options.concurrency} at a time from ${options.target.shown} (queue "${QUEUE_NAME}"; lock ${options.lockMs} ms, stalled check every ${options.stalledMs} ms). Ctrl-C stops it.`);

  return new Promise((done) => {
    let closing = false;
    const stop = () => {
      if (closing) {
        console.log('stopping now: the runs in hand go back to the queue when their locks expire');
        worker.close(true).finally(() => done(130));
        return;
      }
      closing = true;
      console.log('stopping after the runs in hand (Ctrl-C again to stop now)');
      worker.close().finally(() => done(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((code) => process.exit(code), (e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
}
