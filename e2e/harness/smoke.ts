/**
 * Page side of the smoke harness: `window.runSmoke(configs)` runs each config for a few steps in
 * one worker on the requested backend and resolves with one result per config.
 */
import type { SmokeRequest, SmokeResult } from './smokeWorker';

declare global {
  interface Window { runSmoke(request: SmokeRequest): Promise<SmokeResult[]> }
}

window.runSmoke = (request) => new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./smokeWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<{ results?: SmokeResult[]; error?: string; progress?: string }>) => {
    if (e.data.progress) { console.log(e.data.progress); return; }
    worker.terminate();
    if (e.data.error) reject(new Error(e.data.error)); else resolve(e.data.results ?? []);
  };
  worker.onerror = (e) => { worker.terminate(); reject(new Error(e.message)); };
  worker.postMessage(request);
});
