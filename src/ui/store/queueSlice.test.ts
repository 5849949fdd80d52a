/** The queue slice: compare queues methods × seeds and shows them; removing and clearing keep the comparison in step. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { testStore } from './testing/testStore';

const ft = { ...DEFAULT_CONFIG.method, kind: 'ft' as const };
const lp = { ...DEFAULT_CONFIG.method, kind: 'lp' as const };

describe('queue slice', () => {
  it('queues methods × seeds seed-major, shows their comparison, and keeps it in step with the queue', () => {
    const { store } = testStore();
    // no backend yet: nothing starts, everything waits
    store.getState().compare([ft, lp], 2);
    const { queue, comparison, view } = store.getState();
    expect(view).toBe('compare');
    expect(queue.map((q) => [q.config.method.kind, q.config.seed])).toEqual([['ft', 0], ['lp', 0], ['ft', 1], ['lp', 1]]);
    expect(comparison!.ids).toEqual(queue.map((q) => q.id));
    store.getState().removeQueued(queue[1].id);
    expect(store.getState().comparison!.ids).toEqual([queue[0].id, queue[2].id, queue[3].id]);
    store.getState().clearQueue();
    expect(store.getState().queue).toEqual([]);
    expect(store.getState().comparison!.ids).toEqual([]);
  });

  it('queues nothing from an invalid config', () => {
    const { store } = testStore();
    store.getState().setConfig({ lr: -1 });
    store.getState().compare([ft], 1);
    expect(store.getState().queue).toEqual([]);
  });
});
