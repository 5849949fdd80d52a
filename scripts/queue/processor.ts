/**
 * BullMQ's sandboxed processor (scripts/queue/worker.ts starts it): each job trains in a child
 * process, so the worker process that holds the job's lock in Redis keeps renewing it however long
 * a training step blocks this process's event loop — a healthy worker never looks stalled.
 * A job that must not run here (another config schema version, a malformed payload, an invalid
 * config) fails at once as unrecoverable; any other error is retried up to the job's attempts.
 */
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { executeJob } from './execute';
import { RefusedJobError, type JobResult } from './jobs';

// The worker process is gone (killed, crashed): stop too, rather than train for nobody.
process.on('disconnect', () => process.exit(1));

export default async function processRun(job: SandboxedJob): Promise<JobResult> {
  try {
    return await executeJob(job.data);
  } catch (e) {
    if (e instanceof RefusedJobError) throw new UnrecoverableError(e.message);
    throw e;
  }
}
