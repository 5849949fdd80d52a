/** Which saved runs a reload interrupted, and reading records back (pure). */
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../engine/training/events';
import { applyEvent, newRunView } from '../store/runView';
import { keepEvent, type RunEntry } from '../runs/runEntry';
import { BASE, runEvents } from '../runs/testRuns';
import { entryFromRecord, markInterrupted, readRecord, recordState, startupState, toRecord } from './records';

function entry(events: RunEvent[], status?: RunEntry['view']['status']): RunEntry {
  const view = events.reduce(applyEvent, newRunView('r1', BASE));
  return { id: 'r1', label: 'FT · seed 0', origin: 'local', createdAt: 5, view: status ? { ...view, status } : view, kept: events.filter(keepEvent), ending: null };
}

describe('marking interrupted runs at startup', () => {
  const running = { state: 'running' as const, tab: 'tab-a' };

  it('a finished record is kept as it is', () => {
    expect(startupState({ state: 'completed', tab: 'tab-a' }, 'tab-b', new Set())).toBe('keep');
  });

  it('an unfinished record whose tab is gone was interrupted', () => {
    expect(startupState(running, 'tab-b', new Set(['tab-c']))).toBe('interrupted');
  });

  it('an unfinished record whose tab is still open is training there', () => {
    expect(startupState(running, 'tab-b', new Set(['tab-a', 'tab-b']))).toBe('elsewhere');
  });

  it('without a way to tell, an unfinished record counts as interrupted (its tab, if alive, rewrites it)', () => {
    expect(startupState(running, 'tab-b', null)).toBe('interrupted');
  });

  it('the interrupted record keeps its curves and says where it stopped', () => {
    const live = entry(runEvents(BASE, 0, { finish: false }), 'training');
    const record = toRecord(live, 'tab-a', 100);
    expect(record.state).toBe('running');
    const marked = markInterrupted(record, 200);
    expect(marked.state).toBe('interrupted');
    expect(marked.updatedAt).toBe(200);
    const back = entryFromRecord(marked);
    expect(back.ending).toBe('interrupted');
    expect(back.view.status).toBe('stopped');
    expect(back.view.message).toBe('interrupted at step 6: the page was reloaded or closed while it trained');
    expect(back.view.evals).toHaveLength(3);
    expect(back.view.loss).toEqual(live.view.loss);
  });

  it('a record training in another tab shows so, and is not active here', () => {
    const record = toRecord(entry(runEvents(BASE, 0, { finish: false }), 'training'), 'tab-a', 100);
    const back = entryFromRecord(record, true);
    expect(back.elsewhere).toBe(true);
    expect(back.view.status).toBe('stopped');
    expect(back.view.message).toMatch(/^training in another tab/);
  });
});

describe('records', () => {
  it('state follows the run', () => {
    expect(recordState(entry(runEvents(BASE, 0)))).toBe('completed');
    expect(recordState(entry([], 'starting'))).toBe('running');
    expect(recordState({ ...entry([]), ending: 'interrupted' })).toBe('interrupted');
  });

  it('read back through the same validation as an import (NaN survives as NaN)', () => {
    const record = toRecord(entry(runEvents(BASE, 0)), 'tab-a', 100);
    const read = readRecord(structuredClone(record));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.record.label).toBe('FT · seed 0');
    expect(entryFromRecord(read.record).view.summary?.last?.idAcc).toBeCloseTo(0.7);
    expect(readRecord({ ...record, v: 9 }).ok).toBe(false);
    const broken = readRecord({ ...record, run: { ...record.run, config: { lr: 'x' } } });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.reason).toMatch(/^saved run r1 does not have the shape of a runs file: config/);
  });
});
