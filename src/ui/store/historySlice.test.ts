/** The history slice on an in-memory IndexedDB: a trained run is saved, and another tab's store loads it. */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { idbBackend } from '../history/runHistory';
import { testStore, until } from './testing/testStore';

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('history slice', () => {
  it('saves a finished run, and a second tab opening the same history shows it', async () => {
    const db = `history-slice-${Date.now()}`;
    const first = testStore({ history: idbBackend(db) });
    await until(first.store, (s) => s.backend !== null && s.historyStatus.state === 'on');
    first.store.getState().train();
    await until(first.store, (s) => s.activeIds.length === 0 && s.runs.length === 1);
    const id = first.store.getState().runs[0].id;
    const second = testStore({ history: idbBackend(db) });
    await until(second.store, (s) => s.runs.some((r) => r.id === id && r.view.status === 'completed'));
    expect(second.store.getState().runs.find((r) => r.id === id)!.view.progress.step).toBe(3);
    first.workers().dispose();
  });
});
