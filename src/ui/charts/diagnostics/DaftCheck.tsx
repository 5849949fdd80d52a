/** DAFT's BatchNorm conversion must not change what the network computes: one number, checked against float precision. */
import { DAFT_CONVERSION_TOLERANCE, formatSmall, type DaftCheck as Check } from './diagnosticData';

export function DaftCheck({ check }: { check: Check }) {
  const tone = check.ok === null ? 'pending' : check.ok ? 'ok' : 'bad';
  const verdict = check.ok === null ? '' : check.ok ? ' (≈ 0 ✓)' : ` (above ${formatSmall(DAFT_CONVERSION_TOLERANCE)} ✗)`;
  return (
    <div className={`daft-check daft-check--${tone}`} data-testid="diag-daft-check" data-ok={check.ok === null ? 'unknown' : String(check.ok)}>
      <span className="daft-check__tag">DAFT check</span>
      <span className="daft-check__text">
        BatchNorm conversion changed outputs by <strong data-testid="diag-daft-value">{check.shown}</strong>{verdict}
      </span>
      <span className="daft-check__why">
        {check.ok === false
          ? 'The rewritten BatchNorm layers should compute the same function as before; this run’s conversion did not.'
          : 'The largest relative change of the pretrained features on test images when BatchNorm is rewritten to the target statistics: it must stay at float rounding level, so fine-tuning starts from the pretrained function.'}
      </span>
    </div>
  );
}
