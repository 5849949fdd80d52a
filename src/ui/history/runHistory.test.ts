/**
 * The IndexedDB history with idb-keyval on an in-memory IndexedDB (fake-indexeddb): one key per
 * run, two tabs at once, runs interrupted by a reload, and storage that refuses to work.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../engine/training/events';
import { keepEvent, type RunEntry } from '../runs/runEntry';
import { BASE, runEvents } from '../runs/testRuns';
import { applyEvent, newRunView } from '../store/runView';
import { idbBackend, RunHistory, storageProblem, type HistoryBackend, type HistoryStatus } from './runHistory';

let dbCount = 0;
const freshDb = () => `test-history-${++dbCount}`;

function entry(id: string, events: RunEvent[], status?: RunEntry['view']['status']): RunEntry {
  const view = events.reduce(applyEvent, newRunView(id, BASE));
  return { id, label: `run ${id}`, origin: 'local', createdAt: dbCount * 1000 + id.length, view: status ? { ...view, status } : view, kept: events.filter(keepEvent), ending: null };
}

function tab(db: string, name: string, live: string[] | null = [name]) {
  return new RunHistory(idbBackend(db), { tab: name, liveTabs: async () => (live ? new Set(live) : null) });
}

describe('run history in IndexedDB', () => {
  it('keeps finished runs across a reload, redrawn the same', async () => {
    const db = freshDb();
    const a = tab(db, 'tab-a');
    await a.open();
    const run = entry('r1', runEvents(BASE, 0));
    await a.save(run, true);
    const { entries, skipped } = await tab(db, 'tab-b').open();
    expect(skipped).toBe(0);
    expect(entries).toHaveLength(1);
    expect(entries[0].label).toBe('run r1');
    expect(entries[0].view.evals).toEqual(run.view.evals);
    expect(entries[0].view.loss).toEqual(run.view.loss);
    expect(entries[0].view.summary).toEqual(run.view.summary);
  });

  it('marks a run a reload cut short as interrupted, and writes that back', async () => {
    const db = freshDb();
    const a = tab(db, 'tab-a');
    await a.open();
    await a.save(entry('r1', runEvents(BASE, 0, { finish: false }), 'training'), true);
    // tab-a is gone (reloaded): the new page load finds the record unfinished
    const first = await tab(db, 'tab-b', ['tab-b']).open();
    expect(first.entries[0].ending).toBe('interrupted');
    await new Promise((r) => setTimeout(r, 20)); // the write-back
    const raw = (await idbBackend(db).values()) as { state: string }[];
    expect(raw.map((r) => r.state)).toEqual(['interrupted']);
  });

  it('two tabs: a run training in the other open tab is not marked, and its tab keeps writing it', async () => {
    const db = freshDb();
    const a = tab(db, 'tab-a', ['tab-a', 'tab-b']);
    await a.open();
    const live = entry('r1', runEvents(BASE, 0, { finish: false }), 'training');
    await a.save(live, true);
    const b = tab(db, 'tab-b', ['tab-a', 'tab-b']);
    const seen = await b.open();
    expect(seen.entries[0].elsewhere).toBe(true);
    expect(seen.entries[0].ending).toBeNull();
    // tab-b renames it while tab-a trains: tab-a's next save keeps the new name
    await b.rename('r1', 'renamed in tab b');
    const finished = entry('r1', runEvents(BASE, 0));
    await a.save(finished, false);
    const after = await tab(db, 'tab-c', ['tab-c']).open();
    expect(after.entries[0].label).toBe('renamed in tab b');
    expect(after.entries[0].view.status).toBe('completed');
  });

  it('a run deleted in one tab is not brought back by the other tab saving it', async () => {
    const db = freshDb();
    const a = tab(db, 'tab-a');
    await a.open();
    await a.save(entry('r1', runEvents(BASE, 0, { finish: false }), 'training'), true);
    await a.save(entry('r2', runEvents(BASE, 0)), true);
    await tab(db, 'tab-b').remove('r1');
    await a.save(entry('r1', runEvents(BASE, 0)), false);
    const { entries } = await tab(db, 'tab-c').open();
    expect(entries.map((e) => e.id)).toEqual(['r2']);
  });

  it('many tabs saving different runs at once lose none (one key per run, no shared index)', async () => {
    const db = freshDb();
    const tabs = Array.from({ length: 6 }, (_, i) => tab(db, `tab-${i}`));
    await Promise.all(tabs.map((t) => t.open()));
    await Promise.all(tabs.flatMap((t, i) => [t.save(entry(`r${i}a`, runEvents(BASE, 0)), true), t.save(entry(`r${i}b`, runEvents(BASE, 0.1)), true)]));
    const { entries } = await tab(db, 'reader').open();
    expect(entries).toHaveLength(12);
  });

  it('skips records it cannot read, and counts them', async () => {
    const db = freshDb();
    const backend = idbBackend(db);
    await tab(db, 'tab-a').save(entry('r1', runEvents(BASE, 0)), true);
    const { createStore, set } = await import('idb-keyval');
    await set('run:junk', { v: 1, id: 'junk', nonsense: true }, createStore(db, 'runs'));
    const { entries, skipped } = await new RunHistory(backend, { tab: 'tab-b' }).open();
    expect(entries).toHaveLength(1);
    expect(skipped).toBe(1);
  });

  it('when storage refuses (private mode, quota), runs still work and the status says why', async () => {
    const refusing = (name: string): HistoryBackend => {
      const fail = () => Promise.reject(Object.assign(new Error('nope'), { name }));
      return { probe: fail, values: fail, get: fail, put: fail, patch: fail, remove: fail };
    };
    const statuses: HistoryStatus[] = [];
    const h = new RunHistory(refusing('InvalidStateError'), { tab: 't', onStatus: (s) => statuses.push(s) });
    expect(await h.open()).toEqual({ entries: [], skipped: 0 });
    await h.save(entry('r1', runEvents(BASE, 0)), true);
    expect(h.status).toEqual({ state: 'off', reason: 'this browser does not let the page store data (a private window, or storage blocked for this site)' });
    expect(statuses).toHaveLength(1);
    expect(storageProblem(Object.assign(new Error('x'), { name: 'QuotaExceededError' }))).toBe('the browser’s storage for this page is full');
    const none = new RunHistory(null, { tab: 't' });
    expect(none.status).toEqual({ state: 'off', reason: 'this browser offers no IndexedDB' });
    await none.save(entry('r1', runEvents(BASE, 0)), true);
  });
});
