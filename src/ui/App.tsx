/**
 * Page layout: a skip link to Train, the header with the backend badge, then the run controls
 * first (top of the right column on wide screens, first thing under the header on narrow ones, so
 * Train is on the first screen at every size), the settings on the left, the run on the right.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { ChartsArea } from './charts/ChartsArea';
import { ErrorBoundary } from './ErrorBoundary';
import { ShiftGallery } from './gallery/ShiftGallery';
import { HistoryBanner } from './history/HistoryBanner';
import { SeeInside } from './inside/SeeInside';
import { ConfigPanel } from './panels/ConfigPanel';
import { RunControls } from './panels/RunControls';
import { SummaryBox } from './panels/SummaryBox';
import { PresetPanel } from './presets/PresetPanel';
import { QueuePanel } from './runs/QueuePanel';
import { Workspace } from './runs/Workspace';
import { BackendBadge, BackendErrorBanner } from './status/BackendBadge';
import { CopyLinkButton } from './url/CopyLinkButton';
import { PresentButton } from './present/PresentButton';
import { Hideable, useHidden, useShare } from './url/shareStore';
import { UrlMessages } from './url/UrlMessages';
import { UrlSync } from './url/UrlSync';
import { usePlayground } from './store/StoreContext';

// panels that show nothing until there is a run (and draw with recharts): chunks of their own, loaded with the first run
const MethodDiagnostics = lazy(() => import('./charts/diagnostics/MethodDiagnostics').then((m) => ({ default: m.MethodDiagnostics })));
const WiseFtPanel = lazy(() => import('./charts/wiseFt/WiseFtPanel').then((m) => ({ default: m.WiseFtPanel })));

function WithRun({ children }: { children: ReactNode }) {
  const hasRun = usePlayground((s) => s.run !== null);
  return hasRun ? <Suspense fallback={null}>{children}</Suspense> : null;
}

const PresentView = lazy(() => import('./present/PresentView').then((m) => ({ default: m.PresentView })));

export function App() {
  // a link may hide sections (hide=config,gallery) for a teacher's locked-down view
  const configHidden = useHidden('config');
  const present = useShare((s) => s.view.present);
  if (present) {
    return (
      <>
        <UrlSync />
        <Suspense fallback={<p className="muted">Opening the presentation view…</p>}><PresentView /></Suspense>
      </>
    );
  }
  return (
    <div className="app">
      <a className="skip-link" href="#train-button" onClick={(e) => { e.preventDefault(); document.getElementById('train-button')?.focus(); }}>Skip to Train</a>
      <header className="app-header">
        <div>
          <h1 className="app-header__title">Fine-Tuning Playground</h1>
          <p className="app-header__subtitle">Fine-tune a pretrained network in your browser and watch what happens out of distribution.</p>
        </div>
        <div className="app-header__actions">
          <PresentButton />
          <CopyLinkButton />
          <BackendBadge />
        </div>
      </header>
      <UrlSync />
      <BackendErrorBanner />
      <HistoryBanner />
      <UrlMessages />
      <div className={`layout${configHidden ? ' layout--wide' : ''}`}>
        {/* first in the page's order (Tab reaches Train before the settings); placed by the grid */}
        <div className="layout__run">
          <ErrorBoundary label="run controls"><RunControls /></ErrorBoundary>
        </div>
        <Hideable section="config">
          <aside className="layout__side">
            <ErrorBoundary label="settings">
              <ConfigPanel />
            </ErrorBoundary>
          </aside>
        </Hideable>
        <main className="layout__main">
          <ErrorBoundary label="run view">
            <Hideable section="presets"><PresetPanel /></Hideable>
            <QueuePanel />
            {/* tabs: this run (the sections below), compare, runs */}
            <Workspace>
              <Hideable section="charts"><ChartsArea /></Hideable>
              <Hideable section="inside"><SeeInside /></Hideable>
              <Hideable section="diagnostics"><WithRun><MethodDiagnostics /></WithRun></Hideable>
              <Hideable section="summary"><SummaryBox /></Hideable>
              <Hideable section="wiseft"><WithRun><WiseFtPanel /></WithRun></Hideable>
              <Hideable section="gallery"><ShiftGallery /></Hideable>
            </Workspace>
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
