/** One diagnostic inside the Method diagnostics card: which method, what it shows, what to look for, the chart. */
import { useRef, type ReactNode } from 'react';
import { useChartNames } from '../useChartNames';

/** the height of every chart in a panel */
export const DIAG_CHART_HEIGHT = 210;

export interface DiagPanelProps {
  testId: string;
  /** short method name, shown as a tag ("FT-LP") */
  method: string;
  title: string;
  /** one plain line: what to look for */
  lookFor: ReactNode;
  children: ReactNode;
}

export function DiagPanel({ testId, method, title, lookFor, children }: DiagPanelProps) {
  const headingId = `${testId}-title`;
  const figure = useRef<HTMLElement>(null);
  useChartNames(figure, `${method}: ${title}`);
  return (
    <figure ref={figure} className="diag-panel" data-testid={testId} aria-labelledby={headingId}>
      <figcaption className="diag-panel__head">
        <h4 id={headingId} className="diag-panel__title"><span className="diag-panel__method">{method}</span> {title}</h4>
        <p className="diag-panel__look">{lookFor}</p>
      </figcaption>
      <div className="diag-panel__body">{children}</div>
    </figure>
  );
}
