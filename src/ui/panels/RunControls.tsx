/** Train / Pause / Resume / Stop, the progress bar and the status line. */
import { useEffect, useMemo, useRef, type FocusEvent, type RefObject } from 'react';
import { formatClock, formatStepsPerSec } from '../format/format';
import { RunMethodLabel } from '../methods/RunMethodLabel';
import { useQueueEstimate } from '../runs/useEstimate';
import { selectRunActive } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { displayStatus } from '../status/runStatus';
import { explainErrors } from '../validation/fieldMessages';

function InvalidConfigNote() {
  // joined into one string so the selector returns a stable value
  const text = usePlayground((s) => explainErrors(s.validation).join('\n'));
  if (!text) return null;
  return (
    <div id="train-blocked" className="train-blocked" data-testid="train-blocked" role="status">
      <strong>Cannot train yet:</strong>
      <ul>{text.split('\n').map((line) => <li key={line}>{line}</li>)}</ul>
    </div>
  );
}

function ProgressBar() {
  const progress = usePlayground((s) => s.run?.progress);
  const status = usePlayground((s) => s.run?.status);
  const method = usePlayground((s) => s.run?.config.method);
  if (!progress || !method) return null;
  const { step, totalSteps, stepsPerSec, etaSec, elapsedSec, phase } = progress;
  const fraction = totalSteps > 0 ? Math.min(1, step / totalSteps) : 0;
  const finished = status === 'completed' || status === 'stopped' || status === 'diverged' || status === 'failed';
  return (
    <div className="progress">
      <div className="progress__track" role="progressbar" aria-label="Training progress"
        aria-valuemin={0} aria-valuemax={totalSteps} aria-valuenow={step}
        aria-valuetext={totalSteps ? `step ${step} of ${totalSteps}` : 'waiting for the first step'}>
        <div className="progress__fill" style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="progress__text">
        <span className="progress__method">Method <RunMethodLabel method={method} testId="run-method" /></span>
        {phase && <span className="phase-tag" data-testid="run-phase">{phase}</span>}
        <span>step {step} / {totalSteps || '…'}</span>
        <span>{formatStepsPerSec(stepsPerSec)}</span>
        <span>elapsed {formatClock(elapsedSec)}</span>
        {!finished && <span>{formatClock(stepsPerSec > 0 ? etaSec : Number.NaN)} left</span>}
      </div>
    </div>
  );
}

function StatusLine() {
  const run = usePlayground((s) => s.run);
  const status = displayStatus(run);
  return (
    <p tabIndex={-1} className={`run-status run-status--${status.tone}`} data-testid="run-status" data-status={status.word} aria-live="polite">
      {status.tone === 'busy' && <span className="spinner" aria-hidden="true" />}
      <span className="run-status__word">{status.word}</span>
      <span className="run-status__text">{status.text}</span>
    </p>
  );
}

/**
 * A pressed button disables itself (Train while the run starts, Pause once paused), and the browser
 * then drops focus to <body>: a keyboard user would start again from the top of the page. While
 * focus was in the run controls, it moves to the button that makes sense next.
 */
function useFocusKept(section: RefObject<HTMLElement | null>, active: boolean, status: string | undefined) {
  const inside = useRef(false);
  useEffect(() => {
    const root = section.current;
    const now = document.activeElement;
    if (!root || !inside.current) return;
    if (now && now !== document.body && !(root.contains(now) && (now as HTMLButtonElement).disabled)) return;
    const next = status === 'paused' ? ['resume', 'stop'] : active ? ['pause', 'stop'] : ['train'];
    const target = next.map((r) => root.querySelector<HTMLButtonElement>(`button[data-role="${r}"]`)).find((b) => b && !b.disabled);
    (target ?? root.querySelector<HTMLElement>('[data-testid="run-status"]'))?.focus();
  });
  return {
    onFocus: () => { inside.current = true; },
    // a button that disables itself blurs with no next element: focus was still "here"
    onBlur: (e: FocusEvent) => { if (e.relatedTarget && !section.current?.contains(e.relatedTarget as Node)) inside.current = false; },
  };
}

/** Before a run starts: how long it should take here, from this browser's measured speeds (or a stated guess). */
function RunEstimate() {
  const config = usePlayground((s) => s.config);
  const configs = useMemo(() => [config], [config]);
  const estimate = useQueueEstimate(configs, 1);
  const basis = estimate.basis === 'measured' ? 'measured' : estimate.basis === 'similar' ? 'from other methods' : 'a guess';
  return (
    <p className="run-estimate" data-testid="run-estimate" title={estimate.basisText}>
      This run <strong>{estimate.text}</strong> here <span className="run-estimate__basis">({basis})</span>
      <span className="visually-hidden">: {estimate.basisText}</span>
    </p>
  );
}

export function RunControls() {
  const active = usePlayground(selectRunActive);
  const valid = usePlayground((s) => s.validation.ok);
  const hasBackend = usePlayground((s) => s.backend !== null);
  // Measure backends times steps in workers of its own: a run beside it would skew both
  const measuring = usePlayground((s) => s.measure.state === 'running');
  const status = usePlayground((s) => s.run?.status);
  const train = usePlayground((s) => s.train);
  const pause = usePlayground((s) => s.pause);
  const resume = usePlayground((s) => s.resume);
  const stop = usePlayground((s) => s.stop);
  // WiSE-FT rewrites the paused network's weights while it evaluates: training must not resume meanwhile
  const wiseFtRunning = usePlayground((s) => s.run?.wiseFt.state === 'running');
  const canPause = active && status !== 'paused' && status !== 'starting';
  const section = useRef<HTMLElement>(null);
  const focusHere = useFocusKept(section, active, status);
  return (
    <section ref={section} className="card run-controls" aria-label="Run controls" {...focusHere}>
      <div className="run-controls__buttons">
        <button type="button" id="train-button" data-role="train" className="btn btn--primary" disabled={!valid || active || !hasBackend || measuring}
          aria-describedby={!valid ? 'train-blocked' : undefined} onClick={train}>Train</button>
        <button type="button" data-role="pause" className="btn" disabled={!canPause} onClick={() => pause()}>Pause</button>
        <button type="button" data-role="resume" className="btn" disabled={status !== 'paused' || wiseFtRunning}
          title={wiseFtRunning ? 'wait until the WiSE-FT curve is computed' : undefined} onClick={() => resume()}>Resume</button>
        <button type="button" data-role="stop" className="btn btn--danger" disabled={!active} onClick={() => stop()}>Stop</button>
        <StatusLine />
        {valid && !active && <RunEstimate />}
      </div>
      {!hasBackend && valid && !active && <p className="muted">Waiting for the training worker to pick a backend…</p>}
      {measuring && <p className="muted">Measuring backends: Train waits until the measurement is done.</p>}
      <InvalidConfigNote />
      <ProgressBar />
    </section>
  );
}
