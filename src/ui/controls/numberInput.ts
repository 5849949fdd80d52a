/**
 * Numeric fields keep the text the user typed and push a number into the store. Anything that is
 * not a plain decimal (with optional exponent) becomes NaN, so validation can name the field
 * instead of the input silently snapping to some number.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function parseNumberInput(text: string): number {
  const trimmed = text.trim();
  // Number('') is 0 and Number('0x10') is 16: neither is what someone typing expects
  if (!DECIMAL.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

export function formatNumberForInput(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** Same number, treating NaN as equal to NaN (an unparsable text stays as typed). */
export function sameNumber(a: number, b: number): boolean {
  return (Number.isNaN(a) && Number.isNaN(b)) || a === b;
}

/**
 * The text a field should show after the store's value changed: the user's own text while it
 * still means that value (keeps "1e-3", "0.10", "abc"), the value itself otherwise (a method
 * change set a new learning rate).
 */
export function textForValue(currentText: string, value: number): string {
  return sameNumber(parseNumberInput(currentText), value) ? currentText : formatNumberForInput(value);
}

/**
 * What to say under a field whose text is not a number: "required" when it is empty, the fix
 * when it is a decimal comma ("0,001" → "use a decimal point: 0.001"), undefined otherwise
 * (validation's own "not a number" stands).
 */
export function explainUnparsable(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'required';
  const pointed = trimmed.replace(',', '.');
  if (trimmed.split(',').length === 2 && DECIMAL.test(pointed)) return `use a decimal point: ${pointed}`;
  return undefined;
}
