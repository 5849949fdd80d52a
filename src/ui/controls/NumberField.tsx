/**
 * A numeric text field that keeps exactly what was typed ("", "abc", "1e99" included) and pushes
 * the parsed number (NaN when unparsable) to the store, so validation — not the input — decides
 * what is wrong and says so under the field.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { describedBy, FieldShell } from './FieldShell';
import { explainUnparsable, formatNumberForInput, parseNumberInput, textForValue } from './numberInput';

export interface NumberFieldProps {
  id: string;
  label: ReactNode;
  value: number;
  onChange(value: number): void;
  error?: string;
  hint?: ReactNode;
  /** whole numbers: a numeric keyboard without a decimal point on phones */
  integer?: boolean;
  className?: string;
  /** a control beside the input (a unit picker), with its own accessible name */
  after?: ReactNode;
}

export function NumberField({ id, label, value, onChange, error: validationError, hint, integer, className, after }: NumberFieldProps) {
  const [text, setText] = useState(() => formatNumberForInput(value));
  // validation sees only NaN; the text says whether the field is empty or wrote a decimal comma
  const error = validationError?.startsWith('not a number') ? explainUnparsable(text) ?? validationError : validationError;
  // the store may change the value on its own (a new method sets its learning rate)
  useEffect(() => setText((current) => textForValue(current, value)), [value]);
  const input = (
    <input
      id={id}
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      spellCheck={false}
      className="input"
      value={text}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, error, hint)}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseNumberInput(e.target.value));
      }}
    />
  );
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      {after ? <div className="input-row">{input}{after}</div> : input}
    </FieldShell>
  );
}
