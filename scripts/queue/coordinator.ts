/**
 * The coordinator's side of the queue: it adds one BullMQ job per run under a deterministic id,
 * waits for each, and hands the runner the worker's result (or the run's failure) to write. The
 * runner writes it, then calls `written(id)`, which removes the job from Redis: a result is written
 * once, and a coordinator killed between a worker finishing and that write finds the finished job
 * again when restarted (its result is taken, the run is not repeated).
 */
import { Job, Queue, QueueEvents } from 'bullmq';
import { checkRedis, connectionOptions, parseRedisUrl, type RedisTarget } from './connection';
import { QUEUE_NAME, readResult, type JobPayload, type JobResult } from './jobs';
import { ProgressDisplay, type ProgressCounts } from './progress';

export type JobOutcome =
  | { ok: true; result: JobResult; attempts: number }
  | { ok: false; error: string; attempts: number }
  /** the coordinator was stopped while the job was queued or running: nothing to write */
  | { ok: false; interrupted: true };

export interface CoordinatorOptions {
  /** true: a finished job already in Redis under the same id (a previous session's) is run again rather than taken */
  fresh?: boolean;
  /** tries per run (a worker's exception counts; a refused job fails at once) */
  attempts?: number;
  display?: ProgressDisplay;
}

/** A finished job nobody collects (its coordinator never came back) stays in Redis this long. */
const KEEP_UNCOLLECTED_S = 30 * 24 * 3600;

/** How often a job waited on is looked up, in case it vanished from Redis. */
const VANISHED_CHECK_MS = 15_000;
const TICK = Symbol('tick');
const sleep = (ms: number) => new Promise<typeof TICK>((done) => setTimeout(() => done(TICK), ms).unref());

/** Tries per run: a run that throws is tried once more (another worker, maybe), then recorded as failed. */
export const DEFAULT_ATTEMPTS = 2;

interface Timing { enqueueMs: number; writeMs: number; jobs: number }

export class Coordinator {
  readonly display: ProgressDisplay;
  private readonly mine = new Map<string, 'waiting' | 'running'>();
  private readonly counts: ProgressCounts = { total: 0, done: 0, running: 0, failed: 0 };
  private finishedHere = 0;
  private stopping = false;
  private readonly stopWaiters = new Set<() => void>();
  private readonly collectStarted = new Map<string, number>();
  /** time the coordinator itself spends per job: adding it, and removing it after the write */
  readonly timing: Timing = { enqueueMs: 0, writeMs: 0, jobs: 0 };
  private ticker: NodeJS.Timeout;

  private constructor(
    readonly target: RedisTarget,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly opts: CoordinatorOptions,
  ) {
    this.display = opts.display ?? new ProgressDisplay();
    // per-job listeners: one pair per job waited on
    events.setMaxListeners(0);
    queue.setMaxListeners(0);
    const mark = (state: 'waiting' | 'running') => ({ jobId }: { jobId: string }) => {
      if (this.mine.has(jobId)) { this.mine.set(jobId, state); this.redraw(); }
    };
    events.on('active', mark('running'));
    events.on('waiting', mark('waiting'));
    events.on('stalled', ({ jobId }) => {
      if (this.mine.has(jobId)) this.log(`  a worker stopped answering for job ${jobId}: it goes back to the queue`);
      mark('waiting')({ jobId });
    });
    this.ticker = setInterval(() => this.redraw(), 1000);
    this.ticker.unref();
  }

  /** Checks that Redis answers (a clear error naming the URL if not), then opens the queue. */
  static async open(url: string, opts: CoordinatorOptions = {}): Promise<Coordinator> {
    const target = parseRedisUrl(url);
    await checkRedis(target);
    const connection = connectionOptions(target);
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new Coordinator(target, queue, events, opts);
  }

  log(line: string): void {
    this.display.log(line);
  }

  /** The runs this session accounts for: all of them, and those already in the file. */
  plan(total: number, alreadyDone: number): void {
    this.counts.total = total;
    this.counts.done = alreadyDone;
    this.redraw(true);
  }

  /** Adds the job (or finds it again) and resolves with its outcome once a worker has finished it. */
  async submit(id: string, payload: JobPayload): Promise<JobOutcome> {
    if (this.stopping) return { ok: false, interrupted: true };
    const t0 = performance.now();
    let job = await Job.fromId(this.queue, id);
    if (job) {
      const state = await job.getState();
      if (state === 'completed' || state === 'failed') {
        if (this.opts.fresh) {
          await job.remove();
          job = undefined;
        } else if (state === 'failed') {
          // a failure from an earlier session, already reported then: this session tries it again
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        }
      }
    }
    const add = () => this.queue.add(payload.kind, payload, {
      jobId: id,
      attempts: this.opts.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'fixed', delay: 1000 },
      // removed by written() once the result is in the file; these only clear what a coordinator never came back for
      removeOnComplete: { age: KEEP_UNCOLLECTED_S },
      removeOnFail: { age: KEEP_UNCOLLECTED_S },
    });
    job ??= await add();
    this.timing.enqueueMs += performance.now() - t0;
    this.timing.jobs++;
    this.mine.set(id, 'waiting');
    this.redraw();

    let waiter = () => {};
    const stopped = new Promise<'stopped'>((resolve) => { waiter = () => resolve('stopped'); });
    this.stopWaiters.add(waiter);
    let value: unknown;
    let error: string | undefined;
    try {
      const finished = job.waitUntilFinished(this.events);
      for (;;) {
        value = await Promise.race([finished, stopped, sleep(VANISHED_CHECK_MS)]);
        if (value !== TICK) break;
        // the job is gone (Redis restarted without its data, or someone removed it): queue it again, same id
        if ((await this.queue.getJobState(id)) === 'unknown') {
          this.log(`  job ${id} is no longer in Redis: queued again`);
          await add();
        }
      }
    } catch (e) {
      error = (e as Error).message;
    } finally {
      this.stopWaiters.delete(waiter);
      this.mine.delete(id);
    }
    if (value === 'stopped' || (error !== undefined && this.stopping)) return { ok: false, interrupted: true };
    this.collectStarted.set(id, performance.now());
    const attempts = (await Job.fromId(this.queue, id).catch(() => undefined))?.attemptsStarted ?? 1;
    if (error !== undefined) return { ok: false, error, attempts };
    try {
      return { ok: true, result: readResult(value, payload), attempts };
    } catch (e) {
      return { ok: false, error: (e as Error).message, attempts };
    }
  }

  /** After the runner has written the outcome: count it and remove the job from Redis. */
  async written(id: string, outcome: JobOutcome): Promise<void> {
    if ('interrupted' in outcome) return;
    const t0 = this.collectStarted.get(id) ?? performance.now();
    this.collectStarted.delete(id);
    if (outcome.ok) this.counts.done++;
    else this.counts.failed++;
    this.finishedHere++;
    await (await Job.fromId(this.queue, id))?.remove().catch(() => {
      // still locked (a stalled-job check retried it in the same instant): the age rule removes it later
    });
    this.timing.writeMs += performance.now() - t0;
    this.redraw(true);
  }

  /** Stops waiting: every pending submit resolves as interrupted; the jobs stay queued for the next session. */
  stop(): void {
    this.stopping = true;
    for (const w of this.stopWaiters) w();
    this.stopWaiters.clear();
  }

  /** The coordinator's own time per job in ms (adding it; taking its result, and removing it after the write). */
  overheadPerJobMs(): { enqueue: number; collect: number } {
    const n = Math.max(1, this.timing.jobs);
    return { enqueue: this.timing.enqueueMs / n, collect: this.timing.writeMs / Math.max(1, this.finishedHere) };
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    this.redraw(true);
    this.display.end();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }

  private redraw(force = false): void {
    let running = 0;
    for (const s of this.mine.values()) if (s === 'running') running++;
    this.counts.running = running;
    this.display.update(this.counts, this.finishedHere, force);
  }
}
