/**
 * Test-only worker: trains each requested config a few steps with the real engine on the real
 * backend (selected like the product worker does), in one worker so kernels compile once.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../../src/engine/config/schema';
import { TrainingSession } from '../../src/engine/training/session';
import { fetchReader } from '../../src/worker/fetchAssets';
import { selectBackend } from '../../src/worker/selectBackend';
import type { BackendName } from '../../src/protocol/messages';

export interface SmokeRequest { backend: BackendName; configs: { label: string; config: RunConfig }[]; trace?: boolean }
export interface SmokeResult {
  label: string;
  backend: string;
  ok: boolean;
  error?: string;
  stepsDone: number;
  losses: number[];
  idAcc?: number;
  seconds: number;
  tensorsLeaked: number;
}

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent<SmokeRequest>) => void) | null };

scope.onmessage = async (e) => {
  try {
    const report = await selectBackend(e.data.backend);
    const reader = fetchReader(new URL('/', (self as unknown as { location: Location }).location.origin).href);
    const results: SmokeResult[] = [];
    for (const { label, config } of e.data.configs) {
      const start = performance.now();
      const before = tf.memory().numTensors;
      const losses: number[] = [];
      let session: TrainingSession | null = null;
      try {
        const t0 = performance.now();
        session = await TrainingSession.open(config, {
          reader,
          control: { checkpoint: async () => false },
          emit: (ev) => {
            if (ev.type === 'steps') losses.push(...ev.losses);
            if (e.data.trace) scope.postMessage({ progress: `  ${((performance.now() - t0) / 1000).toFixed(1)} s ${ev.type}${ev.type === 'status' ? ` ${ev.status}` : ''}` });
          },
        });
        const tOpen = performance.now() - t0;
        const summary = await session.train();
        scope.postMessage({ progress: `${label}: open ${(tOpen / 1000).toFixed(1)} s, train ${((performance.now() - t0 - tOpen) / 1000).toFixed(1)} s` });
        session.dispose();
        session = null;
        results.push({
          label, backend: report.backend, ok: summary.status === 'completed', error: summary.status === 'completed' ? undefined : summary.status,
          stepsDone: summary.stepsDone, losses, idAcc: summary.last?.idAcc, seconds: (performance.now() - start) / 1000,
          tensorsLeaked: tf.memory().numTensors - before,
        });
      } catch (err) {
        session?.dispose();
        results.push({ label, backend: report.backend, ok: false, error: (err as Error).message, stepsDone: 0, losses, seconds: (performance.now() - start) / 1000, tensorsLeaked: tf.memory().numTensors - before });
      }
      scope.postMessage({ progress: `${label}: ${results[results.length - 1].ok ? 'ok' : results[results.length - 1].error} in ${results[results.length - 1].seconds.toFixed(1)} s` });
    }
    scope.postMessage({ results });
  } catch (err) {
    scope.postMessage({ error: (err as Error).message });
  }
};
