/** A playground store for tests in Node: the real engine in-process, history in memory or off. */
import { publicDirReader } from '../../../../scripts/node/fileAssets';
import { DEFAULT_CONFIG } from '../../../engine/config/defaults';
import type { RunConfig } from '../../../engine/config/schema';
import type { HistoryBackend } from '../../history/runHistory';
import { createPlaygroundStore, type PlaygroundStore } from '../playgroundStore';
import { InProcessWorkers } from './inProcessWorkers';

/** 64 images, batch 16, a few steps, 32 eval images of one shift: a run takes a second or two. */
export const TINY_RUN: RunConfig = {
  ...DEFAULT_CONFIG,
  model: 'mlp-broad', trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 3,
  shifts: ['rotation'], duration: { unit: 'steps', value: 3 },
};

export function testStore(opts: { history?: HistoryBackend | null; config?: RunConfig } = {}): { store: PlaygroundStore; workers: () => InProcessWorkers } {
  let workers: InProcessWorkers | null = null;
  const store = createPlaygroundStore({
    history: opts.history ?? null,
    datasetStorage: null,
    initialConfig: opts.config ?? TINY_RUN,
    measuredStorage: null,
    hardware: { cores: 2 },
    workers: (events) => (workers = new InProcessWorkers(events, publicDirReader())),
  });
  return { store, workers: () => workers! };
}

/** Resolves once `check` holds for the store's state (polled), or fails after `ms`. */
export async function until(store: PlaygroundStore, check: (s: ReturnType<PlaygroundStore['getState']>) => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check(store.getState())) {
    if (Date.now() > end) throw new Error('the store did not reach the expected state in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
