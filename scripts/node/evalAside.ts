/**
 * Evaluation beside training for the Node hosts (headless runner, results runner, bench): a worker
 * thread with a replica of the run's network (evalThread.ts), used as the page uses its evaluation
 * worker (src/worker/evalAside.ts). Same rule as the page: only where the cores hold every run
 * training at once twice over (Node's wasm backend takes one thread), else it would only slow them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RunConfig } from '../../src/engine/config/schema';
import { coresHoldEvaluationAside } from '../../src/protocol/messages';
import type { EvalAside } from '../../src/engine/training/evalReplica';
import { evalWorkerClient } from '../../src/worker/evalAside';
import type { NodeBackend } from './tfNode';

/** Whether `runsAtOnce` runs on this machine each get a core for evaluation beside training. */
export function asideFits(runsAtOnce: number, cores = availableParallelism()): boolean {
  return coresHoldEvaluationAside(runsAtOnce, 1, cores);
}

/** A replica of `config`'s network in a new evaluation thread on `backend`; closing the run's aside ends the thread. */
export function startEvalThread(config: RunConfig, backend: NodeBackend): EvalAside {
  const worker = new Worker(new URL('./evalThread.mjs', import.meta.url), { name: 'evaluation' });
  const client = evalWorkerClient({
    post: (message, transfer) => worker.postMessage(message, transfer),
    listen(message, crashed) {
      worker.on('message', message);
      worker.on('error', (e) => crashed(`the evaluation thread crashed: ${e.message}`));
      worker.on('exit', (code) => crashed(`the evaluation thread exited (code ${code})`));
    },
    terminate: () => { void worker.terminate(); },
  }, backend);
  return client.open(config);
}
