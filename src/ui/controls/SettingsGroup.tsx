/**
 * One group of the settings column: a heading that folds its fields away. Groups a newcomer rarely
 * needs start folded; a group holding a field with an error opens by itself (an error in a folded
 * group would be invisible), and its heading carries a dot.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { usePlayground } from '../store/StoreContext';

export interface SettingsGroupProps {
  id: string;
  title: ReactNode;
  /** config paths (and their sub-paths) whose errors open the group: ['lr', 'method'] */
  fields: readonly string[];
  defaultOpen?: boolean;
  children: ReactNode;
}

export function SettingsGroup({ id, title, fields, defaultOpen = true, children }: SettingsGroupProps) {
  const key = fields.join(',');
  const hasError = usePlayground((s) => !s.validation.ok && s.validation.errors.some((e) => key.split(',').some((f) => e.field === f || e.field.startsWith(`${f}.`))));
  const [open, setOpen] = useState(defaultOpen);
  useEffect(() => { if (hasError) setOpen(true); }, [hasError]);
  return (
    <details className="panel-section collapsible settings-group" data-group={id} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="section-title">
        <h2 id={`${id}-heading`} className="settings-group__title">{title}</h2>
        {hasError && <span className="badge-dot" role="img" aria-label="has errors" />}
      </summary>
      {children}
    </details>
  );
}
