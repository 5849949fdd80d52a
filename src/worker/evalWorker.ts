/**
 * The evaluation worker: a training worker starts one for its run where the cores allow it, and it
 * evaluates beside training — a replica of the run's network (src/engine/training/evalReplica.ts)
 * on the run's own backend, sent the run's weights at each evaluation. Thin, like the training
 * worker: one request/reply protocol (EvalWorkerRequests), answered by evalHandlers.ts.
 */
import type { EvalWorkerRequests } from '../protocol/messages';
import { evalHandlers } from './evalHandlers';
import { fetchReader } from './fetchAssets';
import { selectBackend } from './selectBackend';
import { serve, type WorkerScope } from './serve';

const scope = self as unknown as WorkerScope<EvalWorkerRequests> & { location: { origin: string } };
const siteRoot = new URL(import.meta.env.BASE_URL, scope.location.origin).href;

serve<EvalWorkerRequests>(scope, evalHandlers((backend) => selectBackend({ choice: backend }, { strict: true }), fetchReader(siteRoot)));
