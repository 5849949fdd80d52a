/**
 * Test-only worker: runs the fused kernels against the composed ops they replace
 * (src/engine/kernels/check.ts) on the requested backend, and says which backend really ran.
 */
import * as tf from '@tensorflow/tfjs';
import { checkFusedKernels, type KernelDifference } from '../../src/engine/kernels/check';
import type { BackendName } from '../../src/protocol/messages';
import { selectBackend } from '../../src/worker/selectBackend';

export interface KernelCheckResult { backend: string; differences: KernelDifference[] }

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent<{ backend: BackendName }>) => void) | null };

scope.onmessage = async (e) => {
  try {
    await selectBackend(e.data.backend);
    const differences = await checkFusedKernels();
    scope.postMessage({ result: { backend: tf.getBackend(), differences } satisfies KernelCheckResult });
  } catch (err) {
    scope.postMessage({ error: (err as Error).message });
  }
};
