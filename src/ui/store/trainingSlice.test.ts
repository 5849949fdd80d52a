/**
 * The training slice with the real engine in-process (no Web Worker): Train runs the edited config
 * to the end and keeps its network; the queue runs K at once; a seeded run gives the same numbers
 * alone or beside another; Stop ends a run as stopped; a failed config is marked and the queue goes on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import type { RunEvent } from '../../engine/training/events';
import { testStore, TINY_RUN, until } from './testing/testStore';

beforeAll(async () => { await useNodeBackend('wasm'); });

const losses = (events: readonly RunEvent[]) => events.flatMap((e) => (e.type === 'steps' ? e.losses : []));

describe('training slice', () => {
  it('Train runs the edited config to the end; the finished run keeps its network for export', async () => {
    const { store, workers } = testStore();
    await until(store, (s) => s.backend !== null);
    store.getState().train();
    const id = store.getState().activeIds[0];
    expect(id).toBeDefined();
    expect(store.getState().focusId).toBe(id);
    await until(store, (s) => s.activeIds.length === 0);
    const run = store.getState().runs.find((r) => r.id === id)!;
    expect(run.view.status).toBe('completed');
    expect(run.view.progress.step).toBe(3);
    expect(store.getState().heldIds).toEqual([id]);
    const exported = await store.getState().exportModel(id);
    expect(exported.ok && exported.modelJson.includes('modelTopology')).toBe(true);
    workers().dispose();
  });

  it('runs the queue K at once, and each seeded run gives the numbers it gives alone', async () => {
    const methods = [{ ...DEFAULT_CONFIG.method, kind: 'ft' as const }, { ...DEFAULT_CONFIG.method, kind: 'lp' as const }];
    const runQueue = async (parallel: number) => {
      const { store, workers } = testStore();
      await until(store, (s) => s.backend !== null);
      store.getState().setParallelRuns(parallel);
      let most = 0;
      const unsubscribe = store.subscribe((s) => { most = Math.max(most, s.activeIds.length); });
      store.getState().compare(methods, 1);
      await until(store, (s) => s.queue.length === 0 && s.activeIds.length === 0);
      unsubscribe();
      const runs = store.getState().comparison!.ids.map((id) => store.getState().runs.find((r) => r.id === id)!);
      const aside = runs.map((r) => workers().evalAside.get(r.id));
      workers().dispose();
      return { most, runs, aside, asideUpTo: store.getState().parallel.asideUpTo };
    };
    const alone = await runQueue(1);
    const together = await runQueue(2);
    expect(alone.most).toBe(1);
    expect(together.most).toBe(2);
    // 2 cores: one run at a time evaluates beside training, two at once leave no core for it
    expect(alone.aside).toEqual([true, true]);
    expect(together.aside).toEqual([false, false]);
    expect(alone.asideUpTo).toBe(1); // what the estimates plan with
    expect(alone.runs.map((r) => r.view.summary?.evalAside)).toEqual([true, true]);
    together.runs.forEach((r, i) => {
      expect(r.view.status).toBe('completed');
      expect(losses(r.kept)).toEqual(losses(alone.runs[i].kept));
      expect(r.view.evals.map((e) => e.idAcc)).toEqual(alone.runs[i].view.evals.map((e) => e.idAcc));
    });
  });

  it('the page chooses K from the backend and cores, and a number set by the user wins until auto', async () => {
    const { store } = testStore();
    await until(store, (s) => s.backend !== null);
    expect(store.getState().parallel).toMatchObject({ auto: 2, runs: 2, chosen: null });
    store.getState().setParallelRuns(1);
    expect(store.getState().parallel).toMatchObject({ runs: 1, chosen: 1 });
    store.getState().setParallelRuns(null);
    expect(store.getState().parallel.runs).toBe(2);
  });

  it('Stop ends a run as stopped; a queued run that cannot start is marked and the queue goes on', async () => {
    const { store, workers } = testStore({ config: { ...TINY_RUN, duration: { unit: 'steps', value: 200 }, evalEvery: 100 } });
    await until(store, (s) => s.backend !== null);
    store.getState().train();
    await until(store, (s) => (s.run?.progress.step ?? 0) > 2);
    store.getState().stop();
    await until(store, (s) => s.activeIds.length === 0);
    expect(store.getState().run?.status).toBe('stopped');
    store.getState().queueRuns([
      { id: 'run-bad', label: 'bad', config: { ...TINY_RUN, model: 'custom:gone' } },
      { id: 'run-good', label: 'good', config: TINY_RUN },
    ]);
    await until(store, (s) => s.queue.length === 0 && s.activeIds.length === 0);
    const byId = (id: string) => store.getState().runs.find((r) => r.id === id)!.view;
    expect(byId('run-bad').status).toBe('failed');
    expect(byId('run-bad').message).toMatch(/could not start/);
    expect(byId('run-good').status).toBe('completed');
    workers().dispose();
  });
});
