/** Number and time formatting for the page, kept pure so it is unit-tested. */

const DASH = '–';

/** 0.973 → "97.3 %" (a fraction in, a percentage out). */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction == null || !Number.isFinite(fraction)) return DASH;
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** Seconds → "mm:ss", or "h:mm:ss" from one hour on; unknown or endless → "--:--". */
export function formatClock(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '--:--';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Three significant digits, no exponent for the ranges the page shows (distortion, drift, loss). */
export function formatValue(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000 || abs < 1e-3) return value.toExponential(2);
  return value.toPrecision(3);
}

/** 78714 → "78,714" (fixed locale so screenshots and tests do not depend on the machine). */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : DASH;
}

export function formatStepsPerSec(rate: number | null | undefined): string {
  const bare = formatRate(rate);
  return bare === DASH ? DASH : `${bare} steps/s`;
}

/** A learning rate as people write it: 0.001 → "1e-3", 0.0003 → "3e-4", 0.05 → "0.05". */
export function formatLearningRate(lr: number): string {
  if (!Number.isFinite(lr)) return DASH;
  if (lr >= 0.01) return String(lr);
  const [mantissa, exponent] = lr.toExponential().split('e');
  return `${Number(mantissa)}e${Number(exponent)}`;
}

/** Axis ticks: at most three significant digits and no trailing zeros ("0.09", "2.1", "0.7"). */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e4 || abs < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}

/** Steps per second as a bare number (the unit is shown beside it). */
export function formatRate(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate) || rate <= 0) return DASH;
  return rate >= 10 ? rate.toFixed(0) : rate.toFixed(2);
}

/**
 * A tick formatter for an axis whose values span [min, max]: enough decimals to tell neighbouring
 * ticks apart (σ² moving from 0.1 to 0.0996 must not print "0.1" five times), exponents for
 * values below 0.01 ("5.5e-4"), no trailing zeros.
 */
export function rangeTickFormatter(min: number, max: number): (value: number) => string {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return formatTick;
  const span = Math.abs(max - min);
  const largest = Math.max(Math.abs(min), Math.abs(max));
  if (largest > 0 && largest < 1e-2) return (v) => (v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(1).replace('.0e', 'e') : '');
  if (span === 0 || span >= largest / 10) return formatTick;
  // ticks are about span/4 apart: show the decimals that spacing needs
  const digits = Math.min(8, Math.max(0, Math.ceil(-Math.log10(span / 4))));
  return (v) => (Number.isFinite(v) ? String(Number(v.toFixed(digits))) : '');
}

/** min and max of the finite numbers among `values` (NaN, NaN when there are none). */
export function finiteRange(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return lo <= hi ? [lo, hi] : [Number.NaN, Number.NaN];
}
