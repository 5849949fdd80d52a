/**
 * The presentation view (`view=present`): one screen for a projector. The scenario's question and
 * what to look for in large type, the run controls and the race, and two or three key charts;
 * space trains or pauses, → and ← change the scenario, Escape goes back to the full page.
 */
import { lazy, Suspense, useEffect } from 'react';
import { ParallelRuns } from '../runs/ParallelRuns';
import { RunControls } from '../panels/RunControls';
import { presetById, presetRunConfig, PRESETS } from '../presets/presets';
import { runAllOfPreset } from '../presets/runAll';
import { selectRunActive } from '../store/selectors';
import { usePlayground, usePlaygroundStore } from '../store/StoreContext';
import { useShare, useShareStore, type ShareStore } from '../url/shareStore';
import type { PlaygroundStore } from '../store/playgroundStore';
import { presentAction, stepScenario } from './presentKeys';
import './present.css';

const PresentCharts = lazy(() => import('./PresentCharts'));

/** Opens the scenario after (or before) the current one, at its default size: the arrow keys and the buttons. */
function stepTo(store: PlaygroundStore, share: ShareStore, by: 1 | -1): void {
  const next = presetById(stepScenario(PRESETS.map((p) => p.id), share.getState().preset, by))!;
  store.getState().replaceConfig(presetRunConfig(next, 0, next.defaultSize));
  share.getState().setSize(next.defaultSize);
  share.getState().setPreset(next.id);
}

function useKeys() {
  const store = usePlaygroundStore();
  const share = useShareStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      const status = s.run?.status === 'paused' ? 'paused' : selectRunActive(s) ? 'active' : 'idle';
      const canTrain = s.validation.ok && s.backend !== null && !selectRunActive(s);
      const target = (e.target as HTMLElement | null)?.tagName?.toLowerCase() ?? 'body';
      const action = presentAction({ key: e.key, targetTag: target, modifier: e.ctrlKey || e.metaKey || e.altKey, status, canTrain });
      if (!action) return;
      e.preventDefault();
      if (action === 'train') s.train();
      else if (action === 'pause') s.pause();
      else if (action === 'resume') s.resume();
      else if (action === 'exit') share.getState().setPresent(false);
      else stepTo(store, share, action === 'next' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, share]);
}

export function PresentView() {
  useKeys();
  const presetId = useShare((s) => s.preset);
  const setPresent = useShare((s) => s.setPresent);
  const preset = presetId ? presetById(presetId) : undefined;
  const config = usePlayground((s) => s.config);
  const active = usePlayground(selectRunActive);
  const replaceConfig = usePlayground((s) => s.replaceConfig);
  const compare = usePlayground((s) => s.compare);
  const size = useShare((s) => s.size);
  const store = usePlaygroundStore();
  const share = useShareStore();
  const step = (by: 1 | -1) => stepTo(store, share, by);
  const index = preset ? PRESETS.indexOf(preset) + 1 : 0;
  return (
    <div className="present" data-testid="present-view">
      <header className="present__head">
        <h1 className="present__title">{preset?.title ?? 'Fine-Tuning Playground'}</h1>
        <nav className="present__nav" aria-label="Scenarios">
          <button type="button" className="btn" onClick={() => step(-1)} disabled={active} aria-keyshortcuts="ArrowLeft">← Previous</button>
          <span className="present__count">{index ? `${index} / ${PRESETS.length}` : `${PRESETS.length} scenarios`}</span>
          <button type="button" className="btn" onClick={() => step(1)} disabled={active} aria-keyshortcuts="ArrowRight">Next →</button>
          <button type="button" className="btn present__exit" onClick={() => setPresent(false)} aria-keyshortcuts="Escape" data-testid="present-exit">Exit presentation</button>
        </nav>
      </header>
      <div className="present__body">
        <section className="present__story" aria-label="What this scenario shows">
          {preset ? (
            <>
              <p className="present__summary">{preset.summary}</p>
              <h2 className="present__h">What to look for</h2>
              <ol className="present__look">{preset.lookFor.map((t) => <li key={t}>{t}</li>)}</ol>
            </>
          ) : (
            <p className="present__summary">Press → to open the first teaching scenario, or Train to fine-tune the current settings.</p>
          )}
          <div className="present__controls">
            <RunControls />
            {preset && preset.runs.length > 1 && (
              <div className="present__race">
                <button type="button" className="btn btn--primary" data-testid="present-race" disabled={active}
                  onClick={() => runAllOfPreset(preset, config, size, { replaceConfig, compare })}>
                  Race {preset.runs.map((r) => r.label).join(' vs ')}
                </button>
                <ParallelRuns id="present-parallel-runs" />
              </div>
            )}
          </div>
          <p className="present__keys" aria-hidden="true"><kbd>Space</kbd> train / pause · <kbd>←</kbd> <kbd>→</kbd> scenario · <kbd>Esc</kbd> full page</p>
        </section>
        <section className="present__charts" aria-label="Charts">
          <Suspense fallback={<p className="muted">Loading the charts…</p>}><PresentCharts /></Suspense>
        </section>
      </div>
    </div>
  );
}
