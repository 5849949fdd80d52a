/** The runs slice: import (and its refusals), rename, focus, delete — with `run` always the focused run's view. */
import { describe, expect, it } from 'vitest';
import { buildRunFile, serialiseRunFile } from '../../protocol/runFile';
import { testStore } from './testing/testStore';

const file = (name: string, text: string) => ({ name, size: text.length, text: async () => text });

describe('runs slice', () => {
  it('imports a runs file once, names it, focuses and renames a run, and deletes it', async () => {
    const { store } = testStore();
    const { config } = store.getState();
    const text = serialiseRunFile(buildRunFile([{ id: 'ext-1', label: 'from a colleague', config, createdAt: 1, events: [], summary: null, ending: 'interrupted' }], 'test'));
    await store.getState().importFiles([file('runs.json', text)]);
    expect(store.getState().notice).toMatchObject({ tone: 'ok' });
    expect(store.getState().runs).toHaveLength(1);
    await store.getState().importFiles([file('runs.json', text)]);
    expect(store.getState().runs).toHaveLength(1);
    expect(store.getState().notice!.text).toMatch(/imported before and left out/);
    const id = store.getState().runs[0].id;
    store.getState().focusRun(id);
    expect(store.getState().run?.id).toBe(id);
    store.getState().renameRun(id, `  ${'x'.repeat(300)}  `);
    expect(store.getState().runs[0].label).toHaveLength(200);
    store.getState().renameRun(id, '   ');
    expect(store.getState().runs[0].label).toHaveLength(200);
    store.getState().deleteRun(id);
    expect(store.getState().runs).toEqual([]);
    expect(store.getState().run).toBeNull();
  });

  it('refuses a file that is not a runs file, with a message', async () => {
    const { store } = testStore();
    await store.getState().importFiles([file('junk.json', '{"nope": 1}')]);
    expect(store.getState().notice?.tone).toBe('error');
    expect(store.getState().runs).toEqual([]);
  });
});
