import type { ReactNode } from 'react';
import { describedBy, FieldShell } from './FieldShell';

export interface SelectOption<V extends string> { value: V; label: string; disabled?: boolean }

export interface SelectFieldProps<V extends string> {
  id: string;
  label: ReactNode;
  value: V;
  options: readonly SelectOption<V>[];
  onChange(value: V): void;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** the setting does not apply (the hint should say why) */
  disabled?: boolean;
  /** id of a note elsewhere that also describes the control (a reason shown outside the field) */
  note?: string;
}

export function SelectField<V extends string>({ id, label, value, options, onChange, error, hint, className, disabled, note }: SelectFieldProps<V>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        className="input"
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedBy(id, error, hint), note].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map((o) => <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}
