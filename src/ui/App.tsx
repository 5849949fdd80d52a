/** Page layout: header with the backend badge, settings on the left, the run on the right. */
import { ChartsArea } from './charts/ChartsArea';
import { MethodDiagnostics } from './charts/diagnostics/MethodDiagnostics';
import { WiseFtPanel } from './charts/wiseFt/WiseFtPanel';
import { ErrorBoundary } from './ErrorBoundary';
import { ShiftGallery } from './gallery/ShiftGallery';
import { ConfigPanel } from './panels/ConfigPanel';
import { RunControls } from './panels/RunControls';
import { SummaryBox } from './panels/SummaryBox';
import { BackendBadge, BackendErrorBanner } from './status/BackendBadge';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1 className="app-header__title">Fine-Tuning Playground</h1>
          <p className="app-header__subtitle">Fine-tune a pretrained network in your browser and watch what happens out of distribution.</p>
        </div>
        <BackendBadge />
      </header>
      <BackendErrorBanner />
      <div className="layout">
        <aside className="layout__side">
          <ErrorBoundary label="settings">
            <ConfigPanel />
          </ErrorBoundary>
        </aside>
        <main className="layout__main">
          <ErrorBoundary label="run view">
            <RunControls />
            <ChartsArea />
            <MethodDiagnostics />
            <SummaryBox />
            <WiseFtPanel />
            <ShiftGallery />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
