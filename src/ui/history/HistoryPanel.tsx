/**
 * Every run this browser knows: this session's, earlier sessions' (kept in IndexedDB) and imported
 * ones (marked). Open one to see it on the charts again, pick several to compare them, rename,
 * delete, export as a runs file, import runs files or a runner's output. Names and everything
 * else from a file are shown as text, never as HTML.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { buildRunFile, serialiseRunFile } from '../../protocol/runFile';
import { formatLearningRate, formatPercent } from '../format/format';
import { RunMethodLabel } from '../methods/RunMethodLabel';
import { downloadText, stamp } from '../runs/download';
import { PAGE_GENERATOR } from '../runs/FocusedRunBar';
import { OriginBadge, StatusTag, formatWhen } from '../runs/runBadges';
import { toFileRun, type RunEntry } from '../runs/runEntry';
import { usePlayground } from '../store/StoreContext';
import '../runs/runs.css';

function Rename({ entry, onDone }: { entry: RunEntry; onDone(): void }) {
  const renameRun = usePlayground((s) => s.renameRun);
  const [text, setText] = useState(entry.label);
  const save = () => { if (text.trim()) renameRun(entry.id, text); onDone(); };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') { e.preventDefault(); save(); }
    if (e.key === 'Escape') { e.preventDefault(); onDone(); }
  };
  return (
    <span className="rename">
      <input className="input input--small" aria-label={`New name for ${entry.label}`} value={text} maxLength={200} autoFocus
        onChange={(e) => setText(e.target.value)} onKeyDown={onKey} data-testid="history-rename-input" />
      <button type="button" className="btn btn--small" onClick={save}>Save</button>
      <button type="button" className="btn btn--small btn--quiet" onClick={onDone}>Cancel</button>
    </span>
  );
}

function RunRow({ entry, selected, onSelect, onLoad }: { entry: RunEntry; selected: boolean; onSelect(id: string, on: boolean): void; onLoad(entry: RunEntry): void }) {
  const active = usePlayground((s) => s.activeIds.includes(entry.id));
  const focused = usePlayground((s) => s.focusId === entry.id);
  const focusRun = usePlayground((s) => s.focusRun);
  const deleteRun = usePlayground((s) => s.deleteRun);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const { view } = entry;
  const shown = view.summary?.last ?? view.evals[view.evals.length - 1];
  const askDelete = () => {
    if (confirming) { clearTimeout(timer.current); deleteRun(entry.id); return; }
    setConfirming(true);
    timer.current = setTimeout(() => setConfirming(false), 4000);
  };
  return (
    <tr className={`history__row${focused ? ' history__row--focused' : ''}${selected ? ' history__row--selected' : ''}`}
      data-testid="history-row" data-origin={entry.origin} data-run-id={entry.id}>
      <td className="history__select">
        <input type="checkbox" checked={selected} onChange={(e) => onSelect(entry.id, e.target.checked)}
          aria-label={`Select ${entry.label}`} data-testid="history-select" />
      </td>
      <th scope="row" className="history__name">
        {renaming ? <Rename entry={entry} onDone={() => setRenaming(false)} /> : (
          <>
            <span className="history__label" data-testid="history-label">{entry.label}</span>
            <OriginBadge entry={entry} />
          </>
        )}
        <span className="history__method"><RunMethodLabel method={view.config.method} /></span>
      </th>
      <td className="history__model" data-testid="history-model">{view.config.model}</td>
      <td className="history__num" data-testid="history-lr">{formatLearningRate(view.config.lr)}</td>
      <td><StatusTag entry={entry} /></td>
      <td className="history__when">{formatWhen(entry.createdAt)}</td>
      <td className="history__num">{formatPercent(shown?.idAcc)}</td>
      <td className="history__num">{formatPercent(shown?.oodMean)}</td>
      <td className="history__num">{view.progress.step}{view.progress.totalSteps ? ` / ${view.progress.totalSteps}` : ''}</td>
      <td className="history__actions">
        <button type="button" className="btn btn--small" onClick={() => focusRun(entry.id)} data-testid="history-open"
          title="show this run on the charts">Open</button>
        <button type="button" className="btn btn--small btn--quiet" onClick={() => onLoad(entry)} data-testid="history-load-settings"
          title="put this run's settings into the settings panel (to train it again or change it)">Load settings</button>
        <button type="button" className="btn btn--small btn--quiet" onClick={() => setRenaming(true)} disabled={renaming}>Rename</button>
        <button type="button" className={`btn btn--small ${confirming ? 'btn--confirm' : 'btn--quiet btn--danger'}`} onClick={askDelete}
          disabled={active} title={active ? 'a run cannot be deleted while it trains' : 'delete this run from this browser'}
          data-testid="history-delete">{confirming ? 'Really delete?' : 'Delete'}</button>
      </td>
    </tr>
  );
}

function ImportButton() {
  const importFiles = usePlayground((s) => s.importFiles);
  const [busy, setBusy] = useState(false);
  return (
    <label className={`btn btn--small file-button${busy ? ' file-button--busy' : ''}`}
      title="a runs file exported here or written by the runner (--runs-json), or a runner folder's events.jsonl with its summary.json">
      <input type="file" accept=".json,.jsonl,application/json" multiple className="visually-hidden" data-testid="import-input"
        onChange={async (e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          setBusy(true);
          try { await importFiles(files); } finally { setBusy(false); }
        }} />
      {busy ? 'Importing…' : 'Import runs…'}
    </label>
  );
}

function Notice() {
  const notice = usePlayground((s) => s.notice);
  const setNotice = usePlayground((s) => s.setNotice);
  if (!notice) return null;
  return (
    <div className={`notice notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="import-notice" data-tone={notice.tone}>
      <span className="notice__text">{notice.text}</span>
      <button type="button" className="notice__close" aria-label="Dismiss" onClick={() => setNotice(null)}>×</button>
    </div>
  );
}

export function HistoryPanel() {
  const runs = usePlayground((s) => s.runs);
  const history = usePlayground((s) => s.historyStatus);
  const compareRuns = usePlayground((s) => s.compareRuns);
  const replaceConfig = usePlayground((s) => s.replaceConfig);
  const [loaded, setLoaded] = useState<string | null>(null);
  const onLoad = (entry: RunEntry) => { replaceConfig(entry.view.config); setLoaded(entry.label); };
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const newestFirst = useMemo(() => [...runs].reverse(), [runs]);
  const picked = newestFirst.filter((r) => selected.has(r.id));
  const onSelect = (id: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });
  const allSelected = runs.length > 0 && picked.length === runs.length;
  const exportRuns = (entries: readonly RunEntry[]) => {
    const text = serialiseRunFile(buildRunFile([...entries].reverse().map(toFileRun), PAGE_GENERATOR));
    downloadText(`ftp-runs-${stamp()}.json`, text, 'application/json');
  };
  return (
    <section className="card history" aria-labelledby="history-heading" data-testid="history">
      <div className="history__head">
        <div>
          <h2 id="history-heading" className="card__title">Runs</h2>
          <p className="card__subtitle">
            {history.state === 'off'
              ? 'Runs of this visit only: this browser does not keep them (see the note at the top).'
              : 'Kept in this browser across reloads. Runs read from a file are marked imported.'}
          </p>
        </div>
        <div className="history__tools">
          <button type="button" className="btn btn--small btn--primary" disabled={picked.length === 0} data-testid="history-compare"
            onClick={() => compareRuns([...picked].reverse().map((r) => r.id))}>
            Compare selected{picked.length ? ` (${picked.length})` : ''}
          </button>
          <button type="button" className="btn btn--small" disabled={picked.length === 0} data-testid="history-export-selected"
            onClick={() => exportRuns(picked)}>Export selected</button>
          <button type="button" className="btn btn--small" disabled={runs.length === 0} data-testid="history-export-all"
            onClick={() => exportRuns(newestFirst)}>Export all</button>
          <ImportButton />
        </div>
      </div>
      <Notice />
      {loaded && (
        <p className="notice notice--ok" role="status" data-testid="history-notice-settings">
          <span className="notice__text">The settings panel now holds the settings of “{loaded}”.</span>
          <button type="button" className="notice__close" aria-label="Dismiss" onClick={() => setLoaded(null)}>×</button>
        </p>
      )}
      {runs.length === 0 ? (
        <p className="history__empty">No runs yet. Train one, compare methods, or import a runs file.</p>
      ) : (
        <div className="history__scroll">
          <table className="history__table" data-testid="history-table">
            <thead>
              <tr>
                <th scope="col" className="history__select">
                  <input type="checkbox" checked={allSelected} aria-label="Select all runs"
                    onChange={(e) => setSelected(e.target.checked ? new Set(runs.map((r) => r.id)) : new Set())} />
                </th>
                <th scope="col">Run</th>
                <th scope="col">Model</th>
                <th scope="col" className="history__num">lr</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col" className="history__num">ID</th>
                <th scope="col" className="history__num">OOD mean</th>
                <th scope="col" className="history__num">Steps</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((r) => <RunRow key={r.id} entry={r} selected={selected.has(r.id)} onSelect={onSelect} onLoad={onLoad} />)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
