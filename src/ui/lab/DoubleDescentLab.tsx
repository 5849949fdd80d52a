/**
 * The double-descent lab (Dar, Luzi, Baraniuk, "Frozen Overparameterization"): sweep the number of
 * frozen blocks k from FT to LP, crossed with target size, label noise and source, train long at a
 * constant learning rate, and watch test error over epochs and at the end against k. Runs train in
 * the page's worker one after another, or come from the headless runner (`npm run sweep`) as a file.
 */
import { useMemo, useRef, type ChangeEvent } from 'react';
import { parseSweepLines, SWEEP_FILE_LIMITS } from '../../engine/sweep/record';
import { zooEntry } from '../../engine/models/zoo';
import { usePlayground } from '../store/StoreContext';
import { FinalVsKChart, EpochChart } from './LabCharts';
import { axesOf, finalVsK, finalVsKPerSource, fitSelection, latestByPoint, seriesPerK, seriesPerSize } from './labData';
import { LAB_PRESETS, type LabPreset } from './labPresets';
import { LabRunsTable } from './LabRunsTable';
import { LabSetup } from './LabSetup';
import { pageRecords, useLab } from './labStore';
import './lab.css';

const sourceName = (id: string) => zooEntry(id)?.label ?? id;

function PresetCard({ preset }: { preset: LabPreset }) {
  const loadPreset = useLab((s) => s.loadPreset);
  const active = useLab((s) => s.presetId === preset.id);
  const load = () => loadPreset(preset.id);
  return (
    <article className="card lab__preset" data-testid="lab-preset" aria-labelledby={`lab-preset-${preset.id}`}>
      <header className="lab__preset-head">
        <h3 id={`lab-preset-${preset.id}`} className="card__title">{preset.title}</h3>
        <button type="button" className="btn btn--small" data-testid={`lab-preset-${preset.id}`} aria-pressed={active} onClick={() => void load()}>
          {active ? 'Loaded' : 'Load this setup and its measured curves'}
        </button>
      </header>
      {preset.measured.length > 0 ? (
        <>
          <h4 className="preset__h">What this project measured</h4>
          <ul className="lab__measured">{preset.measured.map((m) => <li key={m}>{m}</li>)}</ul>
          <p className="preset__conditions"><strong>Measured under:</strong> {preset.conditions}. <span className="preset__source">Source: {preset.source}.</span></p>
        </>
      ) : <p className="muted">Not measured yet.</p>}
    </article>
  );
}

function Select<T extends string | number>({ id, label, value, options, format, onChange }: {
  id: string; label: string; value: T; options: T[]; format(v: T): string; onChange(v: T): void;
}) {
  return (
    <div className="field lab__select">
      <label className="field__label" htmlFor={id}>{label}</label>
      <select id={id} className="input" data-testid={id} value={String(value)} disabled={options.length < 2}
        onChange={(e) => onChange(options.find((o) => String(o) === e.target.value) ?? value)}>
        {options.map((o) => <option key={String(o)} value={String(o)}>{format(o)}</option>)}
      </select>
    </div>
  );
}

export function DoubleDescentLab() {
  const runs = usePlayground((s) => s.runs);
  const pageSweep = useLab((s) => s.pageSweep);
  const imported = useLab((s) => s.imported);
  const selection = useLab((s) => s.selection);
  const setSelection = useLab((s) => s.setSelection);
  const addImported = useLab((s) => s.addImported);
  const clearImported = useLab((s) => s.clearImported);
  const notice = useLab((s) => s.notice);
  const setNotice = useLab((s) => s.setNotice);
  const fileInput = useRef<HTMLInputElement>(null);

  const records = useMemo(() => latestByPoint([...imported, ...pageRecords(pageSweep, runs)]), [imported, pageSweep, runs]);
  const axes = useMemo(() => axesOf(records), [records]);
  const sel = fitSelection(selection, axes);
  const perK = useMemo(() => seriesPerK(records, sel), [records, sel.source, sel.trainSize, sel.labelNoise]); // eslint-disable-line react-hooks/exhaustive-deps
  const perSize = useMemo(() => seriesPerSize(records, sel), [records, sel.source, sel.k, sel.labelNoise]); // eslint-disable-line react-hooks/exhaustive-deps
  const finals = finalVsK(records, sel);
  const perSource = finalVsKPerSource(records, sel, axes.sources);
  // before anything is loaded the selection is empty: the subtitles say so instead of "undefined, NaN %"
  const none = records.length === 0 ? 'No sweep loaded yet' : null;
  const noise = `${Math.round(sel.labelNoise * 100)} % label noise`;
  const at = none ?? `${sourceName(sel.source)}, ${sel.trainSize} training images, ${noise}`;

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    try {
      for (const f of files) {
        if (f.size > SWEEP_FILE_LIMITS.maxBytes) throw new Error(`${f.name} is larger than ${SWEEP_FILE_LIMITS.maxBytes / 1024 / 1024} MB`);
        addImported(parseSweepLines(await f.text()), f.name);
      }
    } catch (err) {
      setNotice({ tone: 'error', text: `could not import: ${err instanceof Error ? err.message : String(err)}` });
    }
  };

  return (
    <div className="lab" data-testid="lab">
      <section className="card lab__intro">
        <h2 className="card__title">Double-descent lab: how many layers to freeze</h2>
        <p className="card__subtitle">
          Dar, Luzi &amp; Baraniuk (arXiv 2211.11074) find double descent in transfer learning: test error over epochs rises and falls
          again, more so with a larger target set and noisy labels; the number of frozen layers decides whether the transfer is
          under- or over-parameterised; and with too many frozen layers a less related source can do as well as a related one.
          Sweep it here, or import a sweep from <code>npm run sweep</code>.
        </p>
      </section>
      {LAB_PRESETS.map((p) => <PresetCard key={p.id} preset={p} />)}
      <LabSetup />
      <section className="card lab__data" aria-label="Sweep data">
        <div className="lab__actions">
          <button type="button" className="btn btn--small" onClick={() => fileInput.current?.click()} data-testid="lab-import">Import a sweep (.jsonl)</button>
          <input ref={fileInput} type="file" accept=".jsonl,.json,application/json" multiple className="visually-hidden" data-testid="lab-import-input"
            aria-label="Import a sweep (.jsonl)" tabIndex={-1}
            onChange={(e) => void onFiles(e)} />
          {imported.length > 0 && <button type="button" className="btn btn--small" onClick={clearImported}>Clear imported ({imported.length})</button>}
          <span className="muted" data-testid="lab-count">{records.length} sweep run{records.length === 1 ? '' : 's'} with data</span>
        </div>
        {notice && <p className={`lab__notice lab__notice--${notice.tone}`} role="status" data-testid="lab-notice">{notice.text}</p>}
        {records.length > 0 && (
          <div className="lab__selects">
            <Select id="lab-sel-source" label="Source" value={sel.source} options={axes.sources} format={sourceName} onChange={(v) => setSelection({ source: v })} />
            <Select id="lab-sel-size" label="Training images" value={sel.trainSize} options={axes.trainSizes} format={String} onChange={(v) => setSelection({ trainSize: v })} />
            <Select id="lab-sel-noise" label="Label noise" value={sel.labelNoise} options={axes.labelNoise} format={(v) => `${Math.round(v * 100)} %`} onChange={(v) => setSelection({ labelNoise: v })} />
            <Select id="lab-sel-k" label="k for chart (ii)" value={sel.k} options={axes.ks} format={(v) => `k = ${v}`} onChange={(v) => setSelection({ k: v })} />
          </div>
        )}
      </section>
      <div className="lab__charts">
        <EpochChart testId="lab-chart-epochs" title="(i) Error vs epoch, one line per k" subtitle={at} series={perK}
          empty="Run or import a sweep: each k draws its test and train error here." />
        <FinalVsKChart testId="lab-chart-final-k" title="(iii) Final error vs frozen blocks k" subtitle={at} rows={finals}
          lines={[{ key: 'test', label: 'final test error' }, { key: 'minTest', label: 'lowest test error over epochs', dashed: true }, { key: 'train', label: 'final train error', dashed: true }]}
          empty="Final errors appear here as runs finish." />
        <EpochChart testId="lab-chart-sizes" title="(ii) Error vs epoch, one line per target size"
          subtitle={none ?? `${sourceName(sel.source)}, k = ${sel.k}, ${noise}`} series={perSize}
          empty="Sweep more than one target size to compare them here." />
        <FinalVsKChart testId="lab-chart-sources" title="(iv) Final test error vs k, one line per source"
          subtitle={none ?? `${sel.trainSize} training images, ${noise}`} rows={axes.sources.length > 0 ? perSource : []}
          lines={axes.sources.map((s, i) => ({ key: `src${i}`, label: sourceName(s) }))}
          empty="Sweep two sources to compare them here." />
      </div>
      <LabRunsTable records={records} />
    </div>
  );
}
