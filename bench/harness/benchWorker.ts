/**
 * Bench-only worker: selects a backend like the product worker (selectBackend: webgpu → webgl →
 * cpu from the preferred one) and runs the bench's jobs (scripts/bench/lib/jobs.ts) with the real
 * engine, yielding between steps through a MessageChannel as the product worker does.
 */
import * as tf from '@tensorflow/tfjs';
import { fetchReader } from '../../src/worker/fetchAssets';
import { selectBackend } from '../../src/worker/selectBackend';
import type { BackendName, BackendReport } from '../../src/protocol/messages';
import { memorySnapshot, runJob, type BenchJob, type JobEnv } from '../../scripts/bench/lib/jobs';

export type BenchWorkerRequest =
  | { id: number; type: 'init'; backend: BackendName }
  | { id: number; type: 'job'; job: BenchJob }
  | { id: number; type: 'memory' };

export interface BenchInitResult { report: BackendReport; tfBackend: string; memory: ReturnType<typeof memorySnapshot> }

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent<BenchWorkerRequest>) => void) | null; location: Location };

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldNow = () => new Promise<void>((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

const env: JobEnv = {
  reader: fetchReader(new URL('/', scope.location.origin).href),
  yieldNow,
  log: (message) => scope.postMessage({ progress: message }),
};

scope.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      const report = await selectBackend(m.backend);
      const result: BenchInitResult = { report, tfBackend: tf.getBackend(), memory: memorySnapshot() };
      scope.postMessage({ id: m.id, result });
    } else if (m.type === 'memory') {
      scope.postMessage({ id: m.id, result: memorySnapshot() });
    } else {
      scope.postMessage({ id: m.id, result: await runJob(m.job, env) });
    }
  } catch (err) {
    scope.postMessage({ id: m.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
  }
};
