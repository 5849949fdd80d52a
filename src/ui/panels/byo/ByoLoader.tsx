/**
 * "Add your own model": pick or drop a TF.js layers model's files, or give the URL of its
 * model.json. Problems are shown in red with what is wrong; nothing else on the page changes.
 */
import { useEffect, useId, useState, type DragEvent } from 'react';
import { isModelProblem } from '../../../engine/models/byo/problem';
import { selectRunActive } from '../../store/selectors';
import { usePlayground, usePlaygroundStore } from '../../store/StoreContext';
import { fetchModelFromUrl, readLocalFiles, type ReadModel } from './readModelFiles';
import './byo.css';

export function ByoLoader() {
  const store = usePlaygroundStore();
  const status = usePlayground((s) => s.byo);
  const [url, setUrl] = useState('');
  const [dragging, setDragging] = useState(false);
  const [open, setOpen] = useState(false);
  const ids = useId();
  const privacyId = `${ids}-privacy`;
  const runActive = usePlayground(selectRunActive);
  // settings are locked during a run; a drop must not get around that
  const busy = status.state === 'loading' || runActive;
  const canLoadUrl = !!url.trim() && !busy;

  const load = async (read: () => Promise<ReadModel>, origin: string) => {
    const { setByoStatus, addUserModel } = store.getState();
    try {
      const model = await read();
      await addUserModel(model.files, { name: model.name, origin });
    } catch (e) {
      setByoStatus(isModelProblem(e)
        ? { state: 'error', code: e.code, message: e.message }
        : { state: 'error', code: 'bad-model', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const loadFiles = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (!files.length) return; // the file dialog was cancelled
    store.getState().setByoStatus({ state: 'loading', message: `reading ${files.length} file${files.length === 1 ? '' : 's'}…` });
    void load(() => readLocalFiles(files), 'files');
  };
  const loadUrl = () => {
    const setByoStatus = store.getState().setByoStatus;
    setByoStatus({ state: 'loading', message: 'fetching model.json…' });
    void load(() => fetchModelFromUrl(url, (message) => setByoStatus({ state: 'loading', message })), url.trim());
  };
  // a file dropped next to the drop zone would make the browser open it and leave the page
  useEffect(() => {
    const keep = (e: globalThis.DragEvent) => { if (e.dataTransfer?.types.includes('Files')) e.preventDefault(); };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => { window.removeEventListener('dragover', keep); window.removeEventListener('drop', keep); };
  }, []);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) loadFiles(e.dataTransfer.files);
  };

  return (
    <details className="collapsible byo" data-testid="byo-loader" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="section-title">Add your own model</summary>
      <p className="byo__intro">
        A TF.js layers model (<code>model.json</code> + <code>.bin</code> weights) that classifies images.
      </p>
      <div
        className={`byo-drop${dragging ? ' byo-drop--over' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor="byo-files" className="byo-drop__label">
          <svg className="byo-drop__icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 15V4m0 0-4.5 4.5M12 4l4.5 4.5M5 14v4.5A1.5 1.5 0 0 0 6.5 20h11a1.5 1.5 0 0 0 1.5-1.5V14" />
          </svg>
          <span className="byo-drop__title">Choose files</span>
          <span className="byo-drop__hint">or drop model.json and its .bin files here</span>
        </label>
        <input id="byo-files" type="file" multiple accept=".json,.bin,application/json,application/octet-stream"
          className="visually-hidden" aria-label="Model files (model.json and .bin weights)" aria-describedby={privacyId}
          disabled={busy}
          onChange={(e) => { loadFiles(e.target.files); e.target.value = ''; }} />
      </div>
      <p id={privacyId} className="byo__privacy">
        <svg viewBox="0 0 24 24" aria-hidden="true"><rect x="5" y="10.5" width="14" height="9.5" rx="2" /><path d="M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5" /></svg>
        Files are read in this tab and never uploaded.
      </p>

      {/* not a <form>: this sits inside the config panel's form */}
      <div className="byo-url">
        <label htmlFor="byo-url" className="field__label">…or the URL of a model.json</label>
        <div className="input-row">
          <input id="byo-url" className="input" type="url" inputMode="url" placeholder="https://…/model.json" value={url}
            aria-describedby={`${ids}-cors`} onChange={(e) => setUrl(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); if (canLoadUrl) loadUrl(); } }} />
          <button type="button" className="btn" disabled={!canLoadUrl} onClick={loadUrl}>Load</button>
        </div>
        <p id={`${ids}-cors`} className="field__hint">Weight files are fetched next to it; the host must allow cross-origin requests.</p>
      </div>

      <div aria-live="polite">
        {status.state === 'loading' && (
          <p className="byo__status" data-testid="byo-status"><span className="spinner" aria-hidden="true" />{status.message}</p>
        )}
        {status.state === 'added' && (
          <p className="byo__added" data-testid="byo-added">
            {status.name} is added and selected; what the page found in it is shown under the model picker.
          </p>
        )}
        {status.state === 'error' && (
          <div className="byo__error" role="alert" data-testid="byo-error" data-code={status.code}>
            <strong>This model cannot be used:</strong> {status.message}
          </div>
        )}
      </div>
    </details>
  );
}
