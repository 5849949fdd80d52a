/** After a run: the two model-selection rules side by side, so "which checkpoint?" is an explicit choice. */
import type { EvalRecord, RunSummary } from '../../engine/training/events';
import { oodLabel } from '../../engine/data/oodId';
import { formatClock, formatPercent, formatStepsPerSec } from '../format/format';
import { RunMethodLabel } from '../methods/RunMethodLabel';
import { usePlayground } from '../store/StoreContext';

function SelectionRow({ rule, record }: { rule: string; record: EvalRecord | null }) {
  return (
    <tr>
      <th scope="row">{rule}</th>
      <td>{formatPercent(record?.valAcc)}</td>
      <td>{formatPercent(record?.idAcc)}</td>
      <td>{formatPercent(record?.oodMean)}</td>
      <td>{formatPercent(record?.oodWorst)}{record ? <span className="muted"> ({oodLabel(record.worstShift)})</span> : null}</td>
    </tr>
  );
}

/** What evaluation cost the run: all of its time, or (beside training) only the waits for it. */
function EvalTime({ summary }: { summary: RunSummary }) {
  const share = `${Math.round(summary.evalShare * 100)} %`;
  if (!summary.evalAside) return <span data-testid="summary-eval">{share} of the time spent evaluating</span>;
  const own = summary.evalSeconds !== undefined ? ` (${formatClock(summary.evalSeconds)} of its own)` : '';
  return <span data-testid="summary-eval" data-aside="true">evaluated beside training in a second worker{own}, training waited {share} of the time</span>;
}

export function SummaryBox() {
  const summary = usePlayground((s) => s.run?.summary);
  const noise = usePlayground((s) => s.run?.info?.labelNoise);
  const trainImages = usePlayground((s) => s.run?.info?.trainImages);
  if (!summary) return null;
  return (
    <section className="card summary" data-testid="run-summary" aria-labelledby="summary-heading">
      <div className="summary__head">
        <h2 id="summary-heading" className="card__title">Run summary</h2>
        <RunMethodLabel method={summary.config.method} testId="summary-method" />
      </div>
      <p className="summary__facts">
        {summary.status} after {summary.stepsDone} of {summary.totalSteps} steps · training time {formatClock(summary.seconds)} ·{' '}
        {formatStepsPerSec(summary.stepsPerSec)} · <EvalTime summary={summary} /> · backend {summary.backend}
        {noise && noise.rate > 0 && <span data-testid="summary-label-noise"> · label noise: {noise.flipped} of {trainImages} training labels flipped</span>}
      </p>
      <table className="summary__table">
        <thead>
          <tr><th scope="col">Model selection rule</th><th scope="col">ID val</th><th scope="col">ID test</th><th scope="col">OOD mean</th><th scope="col">OOD worst</th></tr>
        </thead>
        <tbody>
          <SelectionRow rule={`last step${summary.last ? ` (step ${summary.last.step})` : ''}`} record={summary.last} />
          <SelectionRow rule={`best ID validation${summary.bestVal ? ` (step ${summary.bestVal.step})` : ''}`} record={summary.bestVal} />
        </tbody>
      </table>
      <p className="muted summary__note">
        Best ID validation picks the evaluation with the highest accuracy on the target validation split; it never looks at OOD data.
      </p>
    </section>
  );
}
