/**
 * The evaluation worker: a training worker starts one for its run where the cores allow it, and it
 * evaluates beside training — a replica of the run's network (src/engine/training/evalReplica.ts)
 * on the run's own backend, sent the run's weights at each evaluation. Thin, like the training
 * worker: one request/reply protocol (EvalWorkerRequests), everything it runs lives in the engine.
 */
import type { EvalReplica as Replica } from '../engine/training/evalReplica';
import { EvalReplica } from '../engine/training/evalReplica';
import type { EvalWorkerRequests } from '../protocol/messages';
import { fetchReader } from './fetchAssets';
import { selectBackend } from './selectBackend';
import { serve, type WorkerScope } from './serve';

const scope = self as unknown as WorkerScope<EvalWorkerRequests> & { location: { origin: string } };
const siteRoot = new URL(import.meta.env.BASE_URL, scope.location.origin).href;

let backendReady: Promise<unknown> | null = null;
let replica: Promise<Replica> | null = null;

serve<EvalWorkerRequests>(scope, {
  init({ backend }) {
    backendReady ??= selectBackend({ choice: backend }, { strict: true });
    return backendReady.then(() => null);
  },
  open({ config }) {
    if (!backendReady) return Promise.reject(new Error('the evaluation worker has no backend yet'));
    if (replica) return Promise.reject(new Error('this evaluation worker already holds a run'));
    replica = backendReady.then(() => EvalReplica.open(config, { reader: fetchReader(siteRoot) }));
    return replica.then(() => null);
  },
  async forward({ weights }, ctx) {
    if (!replica) throw new Error('no run is open in this evaluation worker');
    const { values, ms } = await (await replica).forward(weights.map((b) => new Float32Array(b)));
    const buffer = values.slice().buffer;
    ctx.transfer.push(buffer);
    return { values: buffer, ms };
  },
});
