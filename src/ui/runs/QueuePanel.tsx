/**
 * What trains now and what comes next. One run trains at a time; when it ends (completed, stopped,
 * diverged or failed) the next one starts by itself. Waiting runs can be taken off the queue.
 */
import { selectActiveEntry } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { displayStatus } from '../status/runStatus';

function NowTraining() {
  const active = usePlayground(selectActiveEntry);
  const focused = usePlayground((s) => s.focusId === s.activeId);
  const focusRun = usePlayground((s) => s.focusRun);
  if (!active) return null;
  const { step, totalSteps } = active.view.progress;
  const status = displayStatus(active.view);
  const fraction = totalSteps > 0 ? Math.min(1, step / totalSteps) : 0;
  return (
    <li className="queue__item queue__item--now" data-testid="queue-item" data-state="training">
      <span className="spinner" aria-hidden="true" />
      <span className="queue__label">{active.label}</span>
      <span className="queue__meta">{status.word} · step {step} / {totalSteps || '…'}</span>
      <span className="queue__bar" aria-hidden="true"><span style={{ width: `${fraction * 100}%` }} /></span>
      {!focused && <button type="button" className="btn btn--small" onClick={() => focusRun(active.id)}>Show</button>}
    </li>
  );
}

export function QueuePanel() {
  const queue = usePlayground((s) => s.queue);
  const show = usePlayground((s) => s.queue.length > 0 || (s.activeId !== null && s.activeId !== s.focusId));
  const removeQueued = usePlayground((s) => s.removeQueued);
  const clearQueue = usePlayground((s) => s.clearQueue);
  if (!show) return null;
  return (
    <section className="card queue" aria-labelledby="queue-heading" data-testid="queue-panel">
      <div className="queue__head">
        <h2 id="queue-heading" className="queue__title">Queue</h2>
        <p className="queue__note">One run trains at a time; the next starts by itself when it ends, also if it fails or diverges.</p>
        {queue.length > 1 && <button type="button" className="btn btn--small btn--danger" onClick={clearQueue}>Clear queue</button>}
      </div>
      <ol className="queue__list">
        <NowTraining />
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
