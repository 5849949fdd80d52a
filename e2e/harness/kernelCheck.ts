/** Page side: `window.runKernelCheck(backend)` runs the fused-kernel check in a fresh worker. */
import type { BackendName } from '../../src/protocol/messages';
import type { KernelCheckResult } from './kernelCheckWorker';

declare global {
  interface Window { runKernelCheck(backend: BackendName): Promise<KernelCheckResult> }
}

window.runKernelCheck = (backend) => new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./kernelCheckWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<{ result?: KernelCheckResult; error?: string }>) => {
    worker.terminate();
    if (e.data.error) reject(new Error(e.data.error)); else resolve(e.data.result!);
  };
  worker.onerror = (e) => { worker.terminate(); reject(new Error(e.message)); };
  worker.postMessage({ backend });
});
