/**
 * The main area's three views as tabs: one run (the page's charts and panels, passed as children),
 * the comparison of several runs, and the list of runs kept in this browser.
 */
import { lazy, Suspense, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { MainView } from '../store/playgroundStore';
import { usePlayground } from '../store/StoreContext';
import { FocusedRunBar } from './FocusedRunBar';
import './runs.css';

// the other two tabs (the comparison draws with recharts): chunks of their own, loaded when opened
const CompareView = lazy(() => import('./CompareView').then((m) => ({ default: m.CompareView })));
const HistoryPanel = lazy(() => import('../history/HistoryPanel').then((m) => ({ default: m.HistoryPanel })));
const DoubleDescentLab = lazy(() => import('../lab/DoubleDescentLab').then((m) => ({ default: m.DoubleDescentLab })));

const TABS: { id: MainView; label: string }[] = [
  { id: 'run', label: 'This run' },
  { id: 'compare', label: 'Compare' },
  { id: 'history', label: 'Runs' },
  { id: 'lab', label: 'Double-descent lab' },
];

function TabCount({ view }: { view: MainView }) {
  const runs = usePlayground((s) => s.runs.length);
  const compared = usePlayground((s) => s.comparison?.ids.length ?? 0);
  const n = view === 'history' ? runs : view === 'compare' ? compared : 0;
  return n > 0 ? <span className="tabs__count">{n}</span> : null;
}

export function Workspace({ children }: { children: ReactNode }) {
  const view = usePlayground((s) => s.view);
  const setView = usePlayground((s) => s.setView);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  // arrow keys move between tabs (the WAI-ARIA tabs pattern)
  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (i + step + TABS.length) % TABS.length;
    setView(TABS[next].id);
    refs.current[next]?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label="What the main area shows">
        {TABS.map((t, i) => (
          <button key={t.id} ref={(el) => { refs.current[i] = el; }} type="button" role="tab" id={`tab-${t.id}`}
            className="tabs__tab" aria-selected={view === t.id} aria-controls={`panel-${t.id}`} tabIndex={view === t.id ? 0 : -1}
            data-testid={`tab-${t.id}`} onClick={() => setView(t.id)} onKeyDown={(e) => onKey(e, i)}>
            {t.label}<TabCount view={t.id} />
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} className="tabs__panel">
        {view === 'run' && <><FocusedRunBar />{children}</>}
        {view === 'compare' && <Suspense fallback={<p className="muted">Loading…</p>}><CompareView /></Suspense>}
        {view === 'history' && <Suspense fallback={<p className="muted">Loading…</p>}><HistoryPanel /></Suspense>}
        {view === 'lab' && <Suspense fallback={<p className="muted">Loading…</p>}><DoubleDescentLab /></Suspense>}
      </div>
    </>
  );
}
