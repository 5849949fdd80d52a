/** Small labels a run carries in lists: where it came from, how it ended, when it ran. */
import type { RunEntry } from './runEntry';

/** "22 Nov, 14:05" (today: "today 14:05"), in the browser's locale for the month name. */
export function formatWhen(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (new Date(now).toDateString() === d.toDateString()) return `today ${time}`;
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(d.getFullYear() !== new Date(now).getFullYear() ? { year: 'numeric' } : {}) })}, ${time}`;
}

export function OriginBadge({ entry }: { entry: Pick<RunEntry, 'origin' | 'ending' | 'elsewhere'> }) {
  return (
    <>
      {entry.origin === 'imported' && <span className="tag tag--imported" data-testid="tag-imported" title="read from a file; not trained in this browser">imported</span>}
      {entry.ending === 'interrupted' && <span className="tag tag--warn" title="the page was reloaded or closed while this run trained">interrupted</span>}
      {entry.ending === 'incomplete' && <span className="tag tag--warn" title="the file ends before the run finished">incomplete</span>}
      {entry.elsewhere && <span className="tag tag--busy" title="another tab of this page is training it">in another tab</span>}
    </>
  );
}

const TONES: Record<string, string> = {
  completed: 'ok', stopped: 'idle', diverged: 'warn', failed: 'error', paused: 'idle',
};

/** The run's status word, coloured like the status line. */
export function StatusTag({ entry }: { entry: Pick<RunEntry, 'view' | 'ending' | 'elsewhere'> }) {
  const word = entry.elsewhere ? 'training' : entry.ending === 'interrupted' ? 'interrupted' : entry.ending === 'incomplete' ? 'incomplete' : entry.view.status;
  const tone = entry.ending ? 'warn' : TONES[word] ?? 'busy';
  return <span className={`status-tag status-tag--${tone}`} data-status={word} title={entry.view.message}>{word}</span>;
}
