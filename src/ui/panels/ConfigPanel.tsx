/** The left column: everything that defines a run. Locked while a run is active (the run keeps its own copy). */
import { selectRunActive } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { useShare } from '../url/shareStore';
import { EvaluationSection } from './EvaluationSection';
import { MethodPanel } from './MethodPanel';
import { PastRunNote } from './PastRunNote';
import { ModelSection } from './ModelSection';
import { ShiftPicker } from './ShiftPicker';
import { TrainingSection } from './TrainingSection';

export function ConfigPanel() {
  const active = usePlayground(selectRunActive);
  // a teacher's link (lock=1) fixes the settings: only the run controls work
  const locked = useShare((s) => s.view.lock);
  return (
    <form className="config-panel" aria-label="Run configuration" onSubmit={(e) => e.preventDefault()}>
      {locked && <p className="config-panel__locked" data-testid="locked-note">This view is locked by its link: the settings are fixed. Use Train, Pause and Stop.</p>}
      {!locked && <PastRunNote />}
      <fieldset className="config-panel__fieldset" disabled={active || locked}>
        <legend className="visually-hidden">Run configuration</legend>
        {active && !locked && <p className="config-panel__locked">Settings are locked while a run is active.</p>}
        <ModelSection />
        <MethodPanel />
        <ShiftPicker />
        <TrainingSection />
        <EvaluationSection />
      </fieldset>
    </form>
  );
}
