/** The left column: everything that defines a run. Locked while a run is active (the run keeps its own copy). */
import { selectRunActive } from '../store/selectors';
import { usePlayground } from '../store/StoreContext';
import { EvaluationSection } from './EvaluationSection';
import { MethodPanel } from './MethodPanel';
import { ModelSection } from './ModelSection';
import { ShiftPicker } from './ShiftPicker';
import { TrainingSection } from './TrainingSection';

export function ConfigPanel() {
  const active = usePlayground(selectRunActive);
  return (
    <form className="config-panel" aria-label="Run configuration" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="config-panel__fieldset" disabled={active}>
        <legend className="visually-hidden">Run configuration</legend>
        {active && <p className="config-panel__locked">Settings are locked while a run is active.</p>}
        <ModelSection />
        <MethodPanel />
        <ShiftPicker />
        <TrainingSection />
        <EvaluationSection />
      </fieldset>
    </form>
  );
}
