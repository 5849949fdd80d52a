import type { ReactNode } from 'react';
import { describedBy, FieldShell } from './FieldShell';

export interface SelectOption<V extends string> { value: V; label: string }

export interface SelectFieldProps<V extends string> {
  id: string;
  label: ReactNode;
  value: V;
  options: readonly SelectOption<V>[];
  onChange(value: V): void;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

export function SelectField<V extends string>({ id, label, value, options, onChange, error, hint, className }: SelectFieldProps<V>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <select
        id={id}
        className="input"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}
