/** The OOD domains: shifts grouped by family, plus the severity they are applied at. */
import { BENCHMARKS, isBenchmark } from '../../engine/data/targets';
import { SHIFTS } from '../../engine/shifts/registry';
import { SHIFT_IDS, type ShiftGroup, type ShiftId } from '../../engine/shifts/types';
import { useFieldError } from '../controls/useFieldError';
import { selectSetConfig } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { SettingsGroup } from '../controls/SettingsGroup';

const GROUP_LABELS: Record<ShiftGroup, string> = {
  geometric: 'Geometric',
  noise: 'Noise',
  blur: 'Blur',
  photometric: 'Light and contrast',
  colour: 'Colour',
  pattern: 'Patterns (MNIST-C)',
};

const GROUPS: { group: ShiftGroup; ids: ShiftId[] }[] = (Object.keys(GROUP_LABELS) as ShiftGroup[])
  .map((group) => ({ group, ids: SHIFT_IDS.filter((id) => SHIFTS[id].group === group) }))
  .filter((g) => g.ids.length > 0);

export function ShiftPicker() {
  const shifts = usePlayground((s) => s.config.shifts);
  const severity = usePlayground((s) => s.config.severity);
  const dataset = usePlayground((s) => s.config.dataset);
  const heldOut = usePlayground((s) => (isBenchmark(s.config.dataset) ? BENCHMARKS[s.config.dataset].domains[s.config.testDomain] : undefined));
  // select the dataset itself (a stable reference), not a list made in the selector
  const own = usePlayground((s) => s.userDatasets.find((d) => d.id === s.config.dataset));
  const ownOod = own?.collections.filter((c) => c.role === 'ood').map((c) => c.name);
  const setConfig = usePlayground(selectSetConfig);
  const shiftsError = useFieldError('shifts');
  const severityError = useFieldError('severity');

  const toggle = (id: ShiftId, on: boolean) => {
    // keep the registry's order so charts and the gallery list shifts the same way every time
    const next = SHIFT_IDS.filter((s) => (s === id ? on : shifts.includes(s)));
    setConfig({ shifts: next });
  };

  return (
    <SettingsGroup id="shifts" title="Distribution shifts (OOD)" fields={['shifts', 'severity']}>
      {isBenchmark(dataset) && (
        <p className="field__hint" data-testid="held-out-note">
          The held-out domain {heldOut ?? ''} is this run&apos;s OOD set; shifts of the training domains&apos; held-out images are optional extras.
        </p>
      )}
      {ownOod && (
        <p className="field__hint" data-testid="own-ood-note">
          {ownOod.length
            ? <>Your OOD collections ({ownOod.map((n) => `“${n}”`).join(', ')}) are this run&apos;s real OOD sets; shifts of your held-out pictures are optional extras.</>
            : <>No collection of your images is marked as an OOD domain: pick at least one shift.</>}
        </p>
      )}
      <fieldset className="shift-picker" aria-describedby={shiftsError ? 'shifts-error' : undefined} aria-invalid={shiftsError ? true : undefined}>
        <legend className="visually-hidden">Shifts to evaluate on</legend>
        {GROUPS.map(({ group, ids }) => (
          <div key={group} className="shift-group" role="group" aria-labelledby={`shift-group-${group}`}>
            <div id={`shift-group-${group}`} className="shift-group__title">{GROUP_LABELS[group]}</div>
            <div className="shift-group__items">
              {ids.map((id) => (
                <label key={id} className="check" title={SHIFTS[id].description}>
                  <input type="checkbox" checked={shifts.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
                  <span>{SHIFTS[id].label}</span>
                </label>
              ))}
            </div>
          </div>
        ))}
      </fieldset>
      {shiftsError && <p id="shifts-error" className="field__error" role="alert">{shiftsError}</p>}
      <div className={`field field--inline${severityError ? ' field--invalid' : ''}`}>
        <label htmlFor="cfg-severity" className="field__label">Severity</label>
        <input id="cfg-severity" type="range" min={1} max={5} step={1} value={severity}
          aria-valuetext={`severity ${severity} of 5`}
          onChange={(e) => setConfig({ severity: Number(e.target.value) })} />
        <output htmlFor="cfg-severity" className="range-value">{severity}</output>
      </div>
      {severityError && <p className="field__error" role="alert">{severityError}</p>}
    </SettingsGroup>
  );
}
