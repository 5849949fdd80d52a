/**
 * Above the settings, when the charts show a finished run whose settings are not the ones in the
 * panel (a run reopened from the Runs list, or settings changed after a run): says so, names what
 * differs, and loads the run's own settings on request.
 */
import { configDiffParts } from '../runs/configDiff';
import { usePlayground } from '../store/StoreContext';
import { isActive } from '../store/runView';
import './pastRunNote.css';

export function PastRunNote() {
  const run = usePlayground((s) => s.run);
  const config = usePlayground((s) => s.config);
  const label = usePlayground((s) => s.runs.find((r) => r.id === s.focusId)?.label);
  const replaceConfig = usePlayground((s) => s.replaceConfig);
  if (!run || isActive(run)) return null;
  const differs = configDiffParts(config, run.config);
  if (differs.length === 0) return null;
  // the method and the first few differences; the rest as a count (the note sits in a narrow column)
  const shown = differs.length > 5 ? [...differs.slice(0, 4), `${differs.length - 4} more differences`] : differs;
  return (
    <div className="past-run-note" role="status" data-testid="past-run-note">
      <p>
        <strong>The charts show a past run with other settings</strong>{label ? <> (“{label}”)</> : null}: {shown.join(' · ')}.
        {' '}The settings below are for the next run.
      </p>
      <button type="button" className="btn btn--small" onClick={() => replaceConfig(run.config)} data-testid="load-run-settings">
        Load this run’s settings
      </button>
    </div>
  );
}
