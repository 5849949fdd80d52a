/**
 * A scenario's size: Quick (a result within about a minute; the default) or Full (the settings the
 * results matrix measured). Switching keeps the run that is set up (FT stays FT) and writes
 * `size=` to the link. Under the toggle: what the chosen size changes and what it measured here.
 */
import { selectRunActive } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { useShare } from '../url/shareStore';
import { matchingRun } from './presetLink';
import { presetRunConfig, PRESET_SIZES, type Preset, type PresetSize } from './presets';
import { fullSentence, pctMeanStd, quickMeasurement, quickSentence, seedRange } from './quickText';

const SIZE_LABEL: Record<PresetSize, string> = { quick: 'Quick', full: 'Full' };

function QuickTable({ preset }: { preset: Preset }) {
  const m = quickMeasurement(preset);
  if (!m) return null;
  return (
    <div className="preset__quick-wrap">
    <table className="preset__table preset__quick-table" data-testid="preset-quick-table">
      <caption className="preset__quick-caption">Quick, {seedRange(m)} (mean ± std), headless runner</caption>
      <thead><tr><th scope="col">run</th><th scope="col">ID</th><th scope="col">OOD mean</th><th scope="col">distortion</th></tr></thead>
      <tbody>
        {m.runs.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>{pctMeanStd(r.outcomes.map((o) => o.idAcc))}</td>
            <td className="preset__ood">{pctMeanStd(r.outcomes.map((o) => o.oodMean))}</td>
            <td>{(r.outcomes.reduce((a, o) => a + o.distortion, 0) / r.outcomes.length).toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

export function SizeToggle({ preset, locked }: { preset: Preset; locked: boolean }) {
  const size = useShare((s) => s.size);
  const setSize = useShare((s) => s.setSize);
  const config = usePlayground((s) => s.config);
  const active = usePlayground(selectRunActive);
  const replaceConfig = usePlayground((s) => s.replaceConfig);
  const choose = (next: PresetSize) => {
    // keep the run that is set up; after other changes, start from the scenario's first run
    const run = Math.max(0, matchingRun(preset, config, size));
    setSize(next);
    replaceConfig(presetRunConfig(preset, run, next));
  };
  return (
    <div className="preset__size" data-testid="preset-size" data-size={size}>
      <div className="segmented" role="group" aria-label="Size of this scenario">
        {PRESET_SIZES.map((s) => (
          <button key={s} type="button" className="segmented__item" aria-pressed={size === s} data-testid={`preset-size-${s}`}
            disabled={active || locked} onClick={() => choose(s)}>
            {SIZE_LABEL[s]}
          </button>
        ))}
      </div>
      <p className="preset__size-text" data-testid="preset-size-text">{size === 'quick' ? quickSentence(preset) : fullSentence(preset)}</p>
      {size === 'quick' && <QuickTable preset={preset} />}
    </div>
  );
}
