/**
 * Teaching scenarios: one click sets up a run and shows what to look for and what this project
 * measured. A scenario that compares methods lists its runs; picking one sets it up (the compare
 * queue, when there is one, can run them all: `Preset.runs`).
 */
import { useMemo } from 'react';
import { LAB_PRESETS } from '../lab/labPresets';
import { useLab } from '../lab/labStore';
import { selectRunActive } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { useShare } from '../url/shareStore';
import { matchingRun } from './presetLink';
import { useQueueEstimate } from '../runs/useEstimate';
import { runAllConfigs, runAllOfPreset } from './runAll';
import { presetById, presetRunConfig, PRESETS, type Measured, type Preset } from './presets';
import { SizeToggle } from './SizeToggle';
import './presets.css';

function MeasuredTable({ measured }: { measured: Measured }) {
  const worst = measured.rows.some((r) => r.oodWorst);
  const distortion = measured.rows.some((r) => r.distortion);
  return (
    <div className="preset__measured" data-testid="preset-measured">
      <table className="preset__table">
        <thead>
          <tr>
            <th scope="col">run</th><th scope="col">ID</th><th scope="col">OOD mean</th>
            {worst && <th scope="col">OOD worst</th>}
            {distortion && <th scope="col" title="mean ‖f − f₀‖ on the ID probes">distortion</th>}
          </tr>
        </thead>
        <tbody>
          {measured.rows.map((r) => (
            <tr key={r.run}>
              <th scope="row">{r.run}</th><td>{r.id}</td><td className="preset__ood">{r.oodMean}</td>
              {worst && <td>{r.oodWorst ?? '—'}</td>}
              {distortion && <td>{r.distortion ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="preset__conditions"><strong>Measured under:</strong> {measured.conditions}. <span className="preset__source">Source: {measured.source}.</span></p>
    </div>
  );
}

/** How long "Train all in turn" should take here, before it queues anything. */
function RunAllEstimate({ preset }: { preset: Preset }) {
  const config = usePlayground((s) => s.config);
  const parallel = usePlayground((s) => s.parallel.runs);
  const size = useShare((s) => s.size);
  const configs = useMemo(() => runAllConfigs(preset, config, size), [preset, config, size]);
  const estimate = useQueueEstimate(configs, parallel);
  return <span className="preset__estimate" data-testid="preset-run-all-estimate" title={estimate.basisText}>{estimate.text} here</span>;
}

function PresetText({ preset, locked }: { preset: Preset; locked: boolean }) {
  const config = usePlayground((s) => s.config);
  const active = usePlayground(selectRunActive);
  const replaceConfig = usePlayground((s) => s.replaceConfig);
  const compare = usePlayground((s) => s.compare);
  const setPreset = useShare((s) => s.setPreset);
  const size = useShare((s) => s.size);
  const current = matchingRun(preset, config, size);
  const runAll = () => runAllOfPreset(preset, config, size, { replaceConfig, compare });
  return (
    <article className="preset" data-testid="preset-text" data-preset={preset.id} aria-labelledby="preset-title">
      <header className="preset__head">
        <h3 id="preset-title" className="preset__title">{preset.title}</h3>
        {!locked && (
          <button type="button" className="preset__close" aria-label="Close this scenario" title="Close this scenario" onClick={() => setPreset(null)}>×</button>
        )}
      </header>
      <p className="preset__summary">{preset.summary}</p>
      <SizeToggle preset={preset} locked={locked} />
      {preset.runs.length > 1 && (
        <div className="preset__runs">
          <span className="preset__runs-label">Runs to compare</span>
          <div className="segmented" role="group" aria-label="Runs of this scenario">
            {preset.runs.map((r, i) => (
              <button key={r.label} type="button" className="segmented__item" aria-pressed={current === i}
                disabled={active || locked} onClick={() => replaceConfig(presetRunConfig(preset, i, size))}>
                {i + 1}. {r.label}
              </button>
            ))}
          </div>
          <button type="button" className="btn btn--small preset__run-all" data-testid="preset-run-all" disabled={active} onClick={runAll}
            title="Queue every run of this scenario (same seed) and show them side by side">
            Train all {preset.runs.length} in turn{current < 0 ? ' with your settings' : ''}
          </button>
          <RunAllEstimate preset={preset} />
          <span className="preset__runs-hint">
            {current >= 0 ? `Set up: ${preset.runs[current].label}. Train it and pick the next, or train all in turn — the same seed gives the same batches and shifted images.` : 'Settings changed since picking this scenario: the figures below were measured with the scenario\'s own settings.'}
          </span>
        </div>
      )}
      {preset.runs.length === 1 && current < 0 && (
        <p className="preset__runs-hint">Settings changed since picking this scenario.</p>
      )}
      <div className="preset__columns">
        <section aria-label="What to look for">
          <h4 className="preset__h">What to look for</h4>
          <ol className="preset__look">{preset.lookFor.map((t) => <li key={t}>{t}</li>)}</ol>
        </section>
        <section aria-label="What this project measured">
          <h4 className="preset__h">What this project measured{size === 'quick' ? ' (Full size)' : ''}</h4>
          {preset.measured ? <MeasuredTable measured={preset.measured} /> : <p className="preset__not-measured">{preset.notMeasured}</p>}
        </section>
      </div>
    </article>
  );
}

export function PresetPanel() {
  const presetId = useShare((s) => s.preset);
  const locked = useShare((s) => s.view.lock);
  const setPreset = useShare((s) => s.setPreset);
  const setSize = useShare((s) => s.setSize);
  const active = usePlayground(selectRunActive);
  const replaceConfig = usePlayground((s) => s.replaceConfig);
  const setView = usePlayground((s) => s.setView);
  const preset = presetId ? presetById(presetId) : undefined;
  if (locked && !preset) return null;
  const choose = (p: Preset) => {
    replaceConfig(presetRunConfig(p, 0, p.defaultSize));
    setPreset(p.id);
    setSize(p.defaultSize);
  };
  return (
    <section className="card presets" data-testid="preset-panel" aria-labelledby="presets-heading">
      <div className="presets__head">
        <h2 id="presets-heading" className="card__title">Teaching scenarios</h2>
        {!locked && <p className="card__subtitle">One click sets up a run and says what to look for.</p>}
      </div>
      {!locked && (
        <div className="presets__chips" role="group" aria-label="Teaching scenarios">
          {PRESETS.map((p) => (
            <button key={p.id} type="button" className="preset-chip" data-testid={`preset-${p.id}`} aria-pressed={p.id === presetId}
              disabled={active} title={active ? 'Wait until the run ends' : p.summary} onClick={() => choose(p)}>
              {p.title}
            </button>
          ))}
          {LAB_PRESETS.map((p) => (
            <button key={p.id} type="button" className="preset-chip" data-testid={`preset-lab-${p.id}`} title="Opens the Double-descent lab with this sweep and its measured curves"
              onClick={() => { setPreset(null); setView('lab'); void useLab.getState().loadPreset(p.id); }}>
              Double-descent lab: {p.title.split(':')[0]}
            </button>
          ))}
        </div>
      )}
      {preset && <PresetText preset={preset} locked={locked} />}
    </section>
  );
}
