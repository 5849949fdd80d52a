/** DAFT's BatchNorm conversion must not change what the network computes: one number, checked against float precision. */
import type { DiagnosticPanel } from './panel';

/** the run fact daft.ts reports once, after the conversion */
const CONVERSION_FACT = 'daft.conversionMaxRelChange';

/** METHODS.md: inference outputs before and after the conversion agree to float precision (≤ 1e-5 relative). */
export const DAFT_CONVERSION_TOLERANCE = 1e-5;

export interface DaftCheck {
  value: number;
  /** null when it was not measured (NaN) */
  ok: boolean | null;
  /** "3e-7" */
  shown: string;
}

export function daftCheck(facts: Readonly<Record<string, number>> | null | undefined): DaftCheck | null {
  if (!facts || !(CONVERSION_FACT in facts)) return null;
  const value = facts[CONVERSION_FACT];
  if (!Number.isFinite(value)) return { value, ok: null, shown: 'not measured' };
  return { value, ok: Math.abs(value) <= DAFT_CONVERSION_TOLERANCE, shown: formatSmall(value) };
}

/** 3.2e-7 → "3e-7", 0 → "0", 0.012 → "1e-2": one significant digit, the size is what matters. */
export function formatSmall(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(0).split('e');
  return `${mantissa}e${Number(exponent)}`;
}

function DaftCheckLine({ check }: { check: DaftCheck }) {
  const tone = check.ok === null ? 'pending' : check.ok ? 'ok' : 'bad';
  const verdict = check.ok === null ? '' : check.ok ? ' (≈ 0 ✓)' : ` (above ${formatSmall(DAFT_CONVERSION_TOLERANCE)} ✗)`;
  return (
    <div className={`verdict-card verdict-card--${tone}`} data-testid="diag-daft-check" data-ok={check.ok === null ? 'unknown' : String(check.ok)}>
      <span className="verdict-card__tag">DAFT check</span>
      <span className="verdict-card__text">
        BatchNorm conversion changed outputs by <strong data-testid="diag-daft-value">{check.shown}</strong>{verdict}
      </span>
      <span className="verdict-card__why">
        {check.ok === false
          ? 'The rewritten BatchNorm layers should compute the same function as before; this run’s conversion did not.'
          : 'The largest relative change of the pretrained features on test images when BatchNorm is rewritten to the target statistics: it must stay at float rounding level, so fine-tuning starts from the pretrained function.'}
      </span>
    </div>
  );
}

export const panel: DiagnosticPanel = {
  namespace: 'daft',
  header: ({ facts }) => { const check = daftCheck(facts); return check && <DaftCheckLine check={check} />; },
};
