/**
 * Above the single-run view: which run it shows (a past or imported run can be reopened here), and
 * what can be taken away from it: the run as a JSON file, and its fine-tuned network as a TF.js
 * layers model (model.json + weights.bin) while the worker still holds that network.
 */
import { useState } from 'react';
import { buildRunFile, serialiseRunFile } from '../../protocol/runFile';
import { selectFocusedEntry } from '../store/selectors';
import { usePlayground, usePlaygroundStore } from '../store/StoreContext';
import { downloadBlob, downloadText, slug, stamp } from './download';
import { OriginBadge, formatWhen } from './runBadges';
import { toFileRun } from './runEntry';

export const PAGE_GENERATOR = 'Fine-Tuning Playground (page)';

/** model.json names its weights file; both get the run's name so several downloads do not collide. */
export function renameWeights(modelJson: string, weightsName: string, metadata: Record<string, unknown>): string {
  const json = JSON.parse(modelJson) as { weightsManifest: { paths: string[] }[]; userDefinedMetadata?: Record<string, unknown> };
  for (const group of json.weightsManifest) group.paths = group.paths.map(() => weightsName);
  json.userDefinedMetadata = { ...json.userDefinedMetadata, ...metadata };
  return JSON.stringify(json);
}

function ModelDownload({ id, label }: { id: string; label: string }) {
  const status = usePlayground((s) => s.runs.find((r) => r.id === id)?.view.status);
  const held = usePlayground((s) => s.heldIds.includes(id) && (!s.activeIds.includes(id) || s.run?.status === 'paused'));
  const exportModel = usePlayground((s) => s.exportModel);
  const store = usePlaygroundStore();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const why = status === 'diverged' ? 'this run diverged: its weights are not usable'
    : !held ? (status === 'training' || status === 'evaluating' || status === 'compiling' ? 'pause the run (or let it finish) to save its network'
      : 'only the most recent runs’ networks stay in memory; train this one again to save it')
      : null;
  const save = async () => {
    setState({ busy: true, error: null });
    const result = await exportModel(id);
    if (!result.ok) { setState({ busy: false, error: result.message }); return; }
    const base = `${slug(label)}-${stamp()}`;
    const run = store.getState().runs.find((r) => r.id === id);
    const modelJson = renameWeights(result.modelJson, `${base}.weights.bin`, {
      fineTuningPlayground: { label, config: run?.view.config, classNames: run?.view.info?.classNames, output: 'logits (apply softmax for probabilities)' },
    });
    downloadText(`${base}.model.json`, modelJson, 'application/json');
    // a second download right after the first: browsers may ask once whether to allow several
    setTimeout(() => downloadBlob(`${base}.weights.bin`, new Blob([result.weights], { type: 'application/octet-stream' })), 300);
    setState({ busy: false, error: null });
  };
  return (
    <span className="focus-bar__action">
      <button type="button" className="btn btn--small" disabled={!!why || state.busy} title={why ?? 'model.json + weights.bin: load with tf.loadLayersModel (image → logits)'}
        data-testid="download-model" onClick={() => void save()}>
        {state.busy ? 'Saving…' : 'Download model'}
      </button>
      {state.error && <span className="focus-bar__error" role="alert">{state.error}</span>}
    </span>
  );
}

export function FocusedRunBar() {
  const entry = usePlayground(selectFocusedEntry);
  if (!entry) return null;
  const exportRun = () => {
    const text = serialiseRunFile(buildRunFile([toFileRun(entry)], PAGE_GENERATOR));
    downloadText(`${slug(entry.label)}-${stamp()}.runs.json`, text, 'application/json');
  };
  return (
    <section className="focus-bar" aria-label="The run shown" data-testid="focus-bar">
      <div className="focus-bar__what">
        <span className="focus-bar__label" data-testid="focus-label">{entry.label}</span>
        <OriginBadge entry={entry} />
        <span className="focus-bar__when">{formatWhen(entry.createdAt)}</span>
      </div>
      <div className="focus-bar__actions">
        <button type="button" className="btn btn--small" onClick={exportRun} title="this run as a JSON runs file (import it here or elsewhere)">Export run</button>
        <ModelDownload id={entry.id} label={entry.label} />
      </div>
    </section>
  );
}
