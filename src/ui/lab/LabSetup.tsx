/**
 * Setting up a sweep in the page: sources, the k values (0 = FT … all = LP), target sizes, label
 * noise and epochs; the protocol's constants (Adam, constant learning rate, no early stopping,
 * train and test error every epoch) are fixed. "Run sweep" hands the runs to the page's queue.
 */
import { useMemo, useState } from 'react';
import { MAX_LABEL_NOISE } from '../../engine/config/schema';
import { ZOO, zooEntry } from '../../engine/models/zoo';
import { stepsPerEpoch, sweepConfig, sweepPoints } from '../../engine/sweep/spec';
import { useQueueEstimate } from '../runs/useEstimate';
import { usePlayground } from '../store/StoreContext';
import { useLab } from './labStore';

/** "0, 2,4" → [0, 2, 4]; null when a part is not a number. */
export function parseList(text: string, scale = 1): number[] | null {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const out = parts.map((s) => Number(s) * scale);
  return out.every(Number.isFinite) ? out.map((v) => Math.round(v * 1e6) / 1e6) : null;
}

function ListField({ id, label, hint, value, scale = 1, onChange }: { id: string; label: string; hint: string; value: number[]; scale?: number; onChange(v: number[]): void }) {
  const [text, setText] = useState(value.map((v) => +(v / scale).toFixed(4)).join(', '));
  const [bad, setBad] = useState(false);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>{label}</label>
      <input id={id} className="input" data-testid={id} value={text} aria-invalid={bad} aria-describedby={`${id}-hint`} onChange={(e) => {
        setText(e.target.value);
        const parsed = parseList(e.target.value, scale);
        setBad(!parsed);
        if (parsed) onChange(parsed);
      }} />
      <span id={`${id}-hint`} className="field__hint muted">{bad ? 'a comma-separated list of numbers' : hint}</span>
    </div>
  );
}

export function LabSetup() {
  const spec = useLab((s) => s.spec);
  const setSpec = useLab((s) => s.setSpec);
  const start = useLab((s) => s.start);
  const presetId = useLab((s) => s.presetId);
  const queueRuns = usePlayground((s) => s.queueRuns);
  const clearQueue = usePlayground((s) => s.clearQueue);
  const stop = usePlayground((s) => s.stop);
  const hasBackend = usePlayground((s) => s.backend !== null);
  const busy = usePlayground((s) => s.activeIds.length > 0 || s.queue.length > 0);
  const queued = usePlayground((s) => s.queue.length);
  const [errors, setErrors] = useState<string[]>([]);
  const maxK = Math.min(...spec.sources.map((s) => zooEntry(s)?.blockCount ?? 0));
  const runs = sweepPoints(spec).length;
  // the sweep trains one run after another
  const configs = useMemo(() => sweepPoints(spec).map((p) => sweepConfig(spec, p)), [spec]);
  const estimate = useQueueEstimate(configs, 1);
  const steps = spec.trainSizes.reduce((n, size) => n + stepsPerEpoch(size, spec.batchSize), 0) * spec.epochs * spec.frozenBlocks.length * spec.labelNoise.length * spec.sources.length;
  const toggleSource = (id: string) => {
    const next = spec.sources.includes(id) ? spec.sources.filter((s) => s !== id) : [...spec.sources, id];
    if (next.length) setSpec({ sources: next });
  };
  const blocked = !hasBackend ? 'waiting for the training worker' : busy ? 'runs are training or queued' : null;
  // the fields are keyed by the preset so picking one shows its values
  return (
    <section className="card lab__setup" aria-labelledby="lab-setup-heading" data-testid="lab-setup" key={presetId ?? 'custom'}>
      <h3 id="lab-setup-heading" className="card__title">Set up a sweep</h3>
      <p className="card__subtitle">
        Frozen-k for every k, on MNIST digits {spec.targetClasses} (relabelled 0–4), Adam at a constant learning rate of {spec.lr},
        no early stopping, train and test error after every epoch. k = 0 is full fine-tuning, k = all blocks is a linear probe.
      </p>
      <fieldset className="lab__sources">
        <legend className="field__label">Sources (pretrained models)</legend>
        {ZOO.map((m) => (
          <label key={m.id} className={`chip${spec.sources.includes(m.id) ? ' chip--on' : ''}`}>
            <input type="checkbox" checked={spec.sources.includes(m.id)} onChange={() => toggleSource(m.id)} data-testid={`lab-source-${m.id}`} />
            <span>{m.label} ({m.blockCount} blocks)</span>
          </label>
        ))}
      </fieldset>
      <div className="lab__fields">
        <ListField id="lab-k" label="Frozen blocks k" hint={`0 … ${maxK}`} value={spec.frozenBlocks} onChange={(v) => setSpec({ frozenBlocks: v })} />
        <ListField id="lab-sizes" label="Target training images" hint="up to 990 digits 5–9" value={spec.trainSizes} onChange={(v) => setSpec({ trainSizes: v })} />
        <ListField id="lab-noise" label="Label noise (%)" hint={`0 … ${MAX_LABEL_NOISE * 100}, training labels only`} value={spec.labelNoise} scale={0.01} onChange={(v) => setSpec({ labelNoise: v })} />
        <ListField id="lab-epochs" label="Epochs" hint="long: until train error ≈ 0" value={[spec.epochs]} onChange={(v) => setSpec({ epochs: v[0] })} />
        <ListField id="lab-eval" label="Test images" hint="clean digits 5–9 per evaluation" value={[spec.evalSize]} onChange={(v) => setSpec({ evalSize: v[0] })} />
      </div>
      <div className="lab__actions">
        <button type="button" className="btn btn--primary" data-testid="lab-run" disabled={!!blocked}
          title={blocked ?? undefined} onClick={() => setErrors(start(queueRuns))}>
          Run sweep ({runs} run{runs === 1 ? '' : 's'}, {steps.toLocaleString('en')} steps, {estimate.text} here)
        </button>
        {busy && (
          <button type="button" className="btn" data-testid="lab-stop" onClick={() => { clearQueue(); stop(); }}>
            Stop the sweep{queued ? ` (${queued} queued)` : ''}
          </button>
        )}
        {blocked && <span className="muted">{blocked}</span>}
      </div>
      <p className="muted lab__estimate" data-testid="lab-estimate-basis">Time: {estimate.basisText}.</p>
      {errors.length > 0 && (
        <ul className="field__error" role="alert" data-testid="lab-errors">{errors.map((e) => <li key={e}>{e}</li>)}</ul>
      )}
    </section>
  );
}
