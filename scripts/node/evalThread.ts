/**
 * The Node hosts' evaluation worker: a worker thread that answers the evaluation worker's protocol
 * (src/worker/evalHandlers.ts) with TF.js on the run's Node backend, so a headless run evaluates
 * beside training as the page does (evalAside.ts here starts it).
 */
import { parentPort } from 'node:worker_threads';
import type { EvalWorkerRequests } from '../../src/protocol/messages';
import { evalHandlers } from '../../src/worker/evalHandlers';
import { serve, type WorkerScope } from '../../src/worker/serve';
import { publicDirReader } from './fileAssets';
import { useNodeBackend } from './tfNode';

const port = parentPort!;
const scope: WorkerScope<EvalWorkerRequests> = {
  postMessage: (message, transfer) => port.postMessage(message, transfer as ArrayBuffer[] | undefined),
  set onmessage(handle: WorkerScope<EvalWorkerRequests>['onmessage']) {
    port.removeAllListeners('message');
    if (handle) port.on('message', (data) => handle({ data } as MessageEvent));
  },
  get onmessage() { return null; },
};

serve<EvalWorkerRequests>(scope, evalHandlers((backend) => {
  if (backend !== 'wasm' && backend !== 'cpu') return Promise.reject(new Error(`Node evaluates on wasm or cpu, not ${backend}`));
  return useNodeBackend(backend);
}, publicDirReader()));
