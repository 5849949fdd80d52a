/**
 * A worker's one job: check the payload, set up the backend it names, and train with the same
 * functions the in-process runners call (runSweepPoint for a sweep point, runExperiment for a run of
 * `npm run experiment` / `npm run results`). Returns the result the coordinator writes.
 */
import { hostname } from 'node:os';
import { zooLookup } from '../../src/engine/config/modelLookup';
import { validateConfig } from '../../src/engine/config/validate';
import type { RunEvent } from '../../src/engine/training/events';
import { runExperiment } from '../experiment/runOne';
import { useNodeBackend } from '../node/tfNode';
import { runSweepPoint } from '../sweep/runSweep';
import { readPayload, RefusedJobError, type JobResult } from './jobs';

export async function executeJob(data: unknown, shouldStop?: () => boolean): Promise<JobResult> {
  const payload = readPayload(data);
  const validation = validateConfig(payload.config, zooLookup);
  if (!validation.ok) throw new RefusedJobError(`invalid config: ${validation.errors.map((e) => e.message).join('; ')}`);
  const config = validation.config;
  await useNodeBackend(payload.backend);
  const startedAt = new Date();
  const ran = () => {
    const finishedAt = new Date();
    return {
      key: payload.key, worker: `${hostname()}:${process.pid}`, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(),
      wallSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    };
  };
  if (payload.kind === 'sweep') {
    const record = await runSweepPoint({ sweep: payload.sweep, point: payload.point, config }, shouldStop);
    if (record.status === 'stopped') throw new Error('the worker was stopped during the run');
    return { kind: 'sweep', ...ran(), record };
  }
  const events: RunEvent[] = [];
  const summary = await runExperiment(config, {
    // a machine's queue workers share its cores, and a worker does not know how many others run there
    backend: payload.backend, quiet: true, stopOnSigint: false, evalAside: false, onEvent: payload.events ? (e) => events.push(e) : undefined });
  if (summary.status === 'stopped') throw new Error('the worker was stopped during the run');
  return { kind: 'experiment', ...ran(), summary, ...(payload.events ? { events } : {}) };
}
