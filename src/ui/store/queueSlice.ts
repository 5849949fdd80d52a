/** Configs waiting to train, next first: compare mode's methods × seeds, the lab's sweeps. */
import type { MethodConfig } from '../../engine/config/schema';
import { runLabel } from '../runs/configDiff';
import { compareConfigs, newRunId, type CompareLr, type QueuedRun } from '../runs/queue';
import type { StoreKit } from './kit';
import type { FocusPolicy } from './runsSlice';

export interface QueueSlice {
  queue: QueuedRun[];
  /** queues `methods` × `seeds` runs of the current config and shows their comparison */
  compare(methods: MethodConfig[], seeds: number, lr?: CompareLr): void;
  /** queues these runs as they are (the double-descent lab's sweep), without changing the view */
  queueRuns(items: QueuedRun[]): void;
  removeQueued(id: string): void;
  clearQueue(): void;
}

export function createQueueSlice(kit: StoreKit, deps: { focus: FocusPolicy; schedulePump(): void }): QueueSlice {
  const { get, commit } = kit;
  const dropFromComparison = (gone: ReadonlySet<string>) => {
    const { comparison } = get();
    return comparison && { ...comparison, ids: comparison.ids.filter((c) => !gone.has(c)) };
  };
  return {
    queue: [],
    compare(methods, seeds, lr = 'suggested') {
      const { validation } = get();
      if (!validation.ok || methods.length === 0) return;
      const base = validation.config;
      const items = compareConfigs(base, methods, seeds, lr).map((config) => ({ id: newRunId(), label: runLabel(base, config), config }));
      deps.focus.followActive = true;
      commit({ queue: [...get().queue, ...items], comparison: { ids: items.map((i) => i.id), base, baseIs: 'settings' }, view: 'compare' });
      deps.schedulePump();
    },
    queueRuns(items) {
      if (items.length === 0) return;
      commit({ queue: [...get().queue, ...items] });
      deps.schedulePump();
    },
    removeQueued(id) {
      commit({ queue: get().queue.filter((q) => q.id !== id), comparison: dropFromComparison(new Set([id])) });
    },
    clearQueue() {
      commit({ queue: [], comparison: dropFromComparison(new Set(get().queue.map((q) => q.id))) });
    },
  };
}
