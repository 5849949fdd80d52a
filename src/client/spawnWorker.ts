/** The one place the page creates a training worker (runs and Measure backends share the worker script). */
export function spawnTrainingWorker(name: string): Worker {
  return new Worker(new URL('../worker/trainWorker.ts', import.meta.url), { type: 'module', name });
}
