/**
 * Text from an imported file (a run's name, an error) is rendered as text, never as HTML: the runs
 * list and the run bar, rendered to markup in Node, escape it.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { readRunFile, buildRunFile, serialiseRunFile } from '../../protocol/runFile';
import { FocusedRunBar } from '../runs/FocusedRunBar';
import { entryFromFileRun, toFileRun, keepEvent, type RunEntry } from '../runs/runEntry';
import { BASE, runEvents } from '../runs/testRuns';
import type { PlaygroundState, PlaygroundStore } from '../store/playgroundStore';
import { applyEvent, newRunView } from '../store/runView';
import { PlaygroundProvider } from '../store/StoreContext';
import { HistoryPanel } from './HistoryPanel';

const EVIL = '<img src=x onerror="window.__xss=1"><script>alert(1)</script>';

function imported(): RunEntry {
  const events = runEvents(BASE, 0);
  const local: RunEntry = { id: 'a', label: EVIL, origin: 'local', createdAt: 0, view: events.reduce(applyEvent, newRunView('a', BASE)), kept: events.filter(keepEvent), ending: null };
  const { runs } = readRunFile('evil.json', serialiseRunFile(buildRunFile([{ ...toFileRun(local), error: EVIL }], 'test')));
  return entryFromFileRun(runs[0], { id: 'imp', label: runs[0].label!, origin: 'imported', createdAt: 0, sourceId: 'a' });
}

function page(entry: RunEntry, element: Parameters<typeof createElement>[0]): string {
  const noop = () => undefined;
  const store = create<PlaygroundState>()(() => ({
    runs: [entry], focusId: entry.id, activeIds: [], heldIds: [], queue: [], run: entry.view, comparison: null, view: 'history',
    historyStatus: { state: 'on' }, notice: { tone: 'error', text: EVIL },
    renameRun: noop, deleteRun: noop, focusRun: noop, compareRuns: noop, importFiles: async () => undefined, setNotice: noop,
    exportModel: async () => ({ ok: false, message: '' }),
  }) as unknown as PlaygroundState) as unknown as PlaygroundStore;
  return renderToStaticMarkup(createElement(PlaygroundProvider, { store, children: createElement(element) }));
}

describe('imported text is shown as text', () => {
  it('in the runs list (name and notice)', () => {
    const html = page(imported(), HistoryPanel);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
    expect(html).toContain('data-origin="imported"');
    expect(html).toContain('>imported<');
  });

  it('in the bar above a reopened run', () => {
    const html = page(imported(), FocusedRunBar);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
