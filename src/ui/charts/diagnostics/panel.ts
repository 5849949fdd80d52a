/**
 * A method's diagnostics panel: a file `<namespace>.panel.tsx` in this folder exporting `panel`,
 * for the namespace its spec declares (`diagnostics` in methods/<id>Spec.ts). The card finds every
 * such file by itself, so adding a panel is adding its file; a method without one has its values
 * listed under "Further diagnostics".
 */
import type { ReactNode } from 'react';
import type { EvalRecord } from '../../../engine/training/events';

export interface PanelProps {
  evals: readonly EvalRecord[];
  /** the network's layer order, for per-layer bars */
  order: readonly string[];
  totalSteps: number;
  /** static facts the run reported once (RunInfo.methodFacts) */
  facts: Readonly<Record<string, number>> | null | undefined;
}

export interface DiagnosticPanel {
  namespace: string;
  /** one line above the charts (a check of a fact) */
  header?(props: PanelProps): ReactNode;
  /** its charts, in the card's grid */
  charts?(props: PanelProps): ReactNode;
}

const found = import.meta.glob<DiagnosticPanel>('./*.panel.tsx', { eager: true, import: 'panel' });

/** Every registered panel by namespace. */
export const PANELS: ReadonlyMap<string, DiagnosticPanel> = new Map(Object.values(found).map((p) => [p.namespace, p]));
