/**
 * What trains now and what comes next. Up to "Runs at once" train side by side, one worker each;
 * when one ends (completed, stopped, diverged or failed) the next waiting run starts by itself.
 * Waiting runs can be taken off the queue.
 */
import type { RunEntry } from './runEntry';
import { displayStatus } from '../status/runStatus';
import { usePlayground } from '../store/StoreContext';
import { ParallelRuns } from './ParallelRuns';

function NowTraining({ entry }: { entry: RunEntry }) {
  const focused = usePlayground((s) => s.focusId === entry.id);
  const focusRun = usePlayground((s) => s.focusRun);
  const { step, totalSteps } = entry.view.progress;
  const status = displayStatus(entry.view);
  const fraction = totalSteps > 0 ? Math.min(1, step / totalSteps) : 0;
  return (
    <li className="queue__item queue__item--now" data-testid="queue-item" data-state="training">
      <span className="spinner" aria-hidden="true" />
      <span className="queue__label">{entry.label}</span>
      <span className="queue__meta">{status.word} · step {step} / {totalSteps || '…'}</span>
      <span className="queue__bar" aria-hidden="true"><span style={{ width: `${fraction * 100}%` }} /></span>
      {!focused && <button type="button" className="btn btn--small" onClick={() => focusRun(entry.id)}>Show</button>}
    </li>
  );
}

export function QueuePanel() {
  const queue = usePlayground((s) => s.queue);
  const activeIds = usePlayground((s) => s.activeIds);
  const runs = usePlayground((s) => s.runs);
  const show = usePlayground((s) => s.queue.length > 0 || s.activeIds.some((id) => id !== s.focusId));
  const removeQueued = usePlayground((s) => s.removeQueued);
  const clearQueue = usePlayground((s) => s.clearQueue);
  if (!show) return null;
  const active = activeIds.map((id) => runs.find((r) => r.id === id)).filter((e): e is RunEntry => !!e);
  return (
    <section className="card queue" aria-labelledby="queue-heading" data-testid="queue-panel">
      <div className="queue__head">
        <h2 id="queue-heading" className="queue__title">Queue</h2>
        <ParallelRuns id="queue-parallel-runs" />
        {queue.length > 1 && <button type="button" className="btn btn--small btn--danger" onClick={clearQueue}>Clear queue</button>}
      </div>
      <ol className="queue__list">
        {active.map((e) => <NowTraining key={e.id} entry={e} />)}
        {queue.map((q, i) => (
          <li key={q.id} className="queue__item" data-testid="queue-item" data-state="waiting">
            <span className="queue__pos" aria-hidden="true">{i + 1}</span>
            <span className="queue__label">{q.label}</span>
            <span className="queue__meta">{i === 0 ? 'next' : 'waiting'}</span>
            <button type="button" className="queue__remove" aria-label={`Remove ${q.label} from the queue`} title="Remove from the queue"
              data-testid="queue-remove" onClick={() => removeQueued(q.id)}>×</button>
          </li>
        ))}
      </ol>
    </section>
  );
}
