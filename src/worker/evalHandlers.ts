/**
 * What an evaluation worker answers (EvalWorkerRequests), wherever it runs: the page's evaluation
 * worker (evalWorker.ts, beside a training worker) and the Node hosts' evaluation thread
 * (scripts/node/evalThread.ts). Each host gives it its way of starting a backend and reading assets.
 */
import type { AssetReader } from '../engine/assets';
import { EvalReplica } from '../engine/training/evalReplica';
import type { BackendName, EvalWorkerRequests } from '../protocol/messages';
import type { Handlers } from './serve';

export function evalHandlers(startBackend: (backend: BackendName) => Promise<unknown>, reader: AssetReader): Handlers<EvalWorkerRequests> {
  let backendReady: Promise<unknown> | null = null;
  let replica: Promise<EvalReplica> | null = null;
  return {
    init({ backend }) {
      backendReady ??= startBackend(backend);
      return backendReady.then(() => null);
    },
    open({ config }) {
      if (!backendReady) return Promise.reject(new Error('the evaluation worker has no backend yet'));
      if (replica) return Promise.reject(new Error('this evaluation worker already holds a run'));
      replica = backendReady.then(() => EvalReplica.open(config, { reader }));
      return replica.then(() => null);
    },
    async forward({ weights }, ctx) {
      if (!replica) throw new Error('no run is open in this evaluation worker');
      const { values, ms } = await (await replica).forward(weights.map((b) => new Float32Array(b)));
      const buffer = values.slice().buffer;
      ctx.transfer.push(buffer);
      return { values: buffer, ms };
    },
  };
}
