/**
 * The run history (IndexedDB, shared by every open tab): its state for the page, the runs it holds
 * loaded into the store, and other tabs' changes applied as they come.
 */
import { holdTabLock, liveTabsFromLocks, RunHistory, type HistoryBackend, type HistoryStatus } from '../history/runHistory';
import type { StoreKit } from './kit';

export interface HistorySlice {
  historyStatus: HistoryStatus;
}

export function createHistorySlice(kit: StoreKit, backend: HistoryBackend | null, tab: string): { slice: HistorySlice; history: RunHistory } {
  if (backend) holdTabLock(tab);
  const channel = backend && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('ftp-history') : null;
  const history = new RunHistory(backend, {
    tab,
    liveTabs: liveTabsFromLocks,
    channel: channel as never,
    onStatus: (status) => kit.set({ historyStatus: status }),
    onRemote: (id, remote) => {
      const s = kit.get();
      if (s.activeIds.includes(id)) return; // our own run
      if (!remote) {
        if (kit.entry(id)) s.deleteRun(id);
        return;
      }
      const exists = !!kit.entry(id);
      kit.commit({ runs: exists ? s.runs.map((r) => (r.id === id ? remote : r)) : [...s.runs, remote].sort((a, b) => a.createdAt - b.createdAt) });
    },
  });
  const slice: HistorySlice = { historyStatus: backend ? { state: 'opening' } : { state: 'off', reason: 'this browser offers no IndexedDB' } };
  return { slice, history };
}

/** Adds the saved runs to the store (those the store does not know yet), oldest first. */
export async function loadHistory(kit: StoreKit, history: RunHistory): Promise<void> {
  const { entries, skipped } = await history.open();
  const s = kit.get();
  const have = new Set(s.runs.map((r) => r.id));
  kit.commit({ runs: [...entries.filter((e) => !have.has(e.id)), ...s.runs].sort((a, b) => a.createdAt - b.createdAt) });
  if (skipped) kit.set({ notice: { tone: 'error', text: `${skipped} saved run${skipped === 1 ? '' : 's'} could not be read (saved by another version of the page, or damaged) and ${skipped === 1 ? 'is' : 'are'} not shown` } });
}
