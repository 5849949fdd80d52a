/** The frame every chart sits in: title, one-line subtitle, optional toolbar, PNG/SVG download, and an empty state. */
import { useRef, type ReactNode } from 'react';
import { ChartDownload } from './ChartDownload';
import { useChartNames } from './useChartNames';

export interface ChartCardProps {
  testId: string;
  title: string;
  subtitle?: ReactNode;
  toolbar?: ReactNode;
  /** shown instead of the chart while there is nothing to draw */
  empty?: string | false;
  children: ReactNode;
  footer?: ReactNode;
}

export function ChartCard({ testId, title, subtitle, toolbar, empty, children, footer }: ChartCardProps) {
  const headingId = `${testId}-title`;
  const figure = useRef<HTMLElement>(null);
  useChartNames(figure, title);
  return (
    <figure ref={figure} className="card chart-card" data-testid={testId} aria-labelledby={headingId}>
      <figcaption className="chart-card__head">
        <div>
          <h3 id={headingId} className="chart-card__title">{title}</h3>
          {subtitle && <p className="chart-card__subtitle">{subtitle}</p>}
        </div>
        {(toolbar || !empty) && (
          <div className="chart-card__tools">
            {toolbar}
            {!empty && <ChartDownload figure={figure} title={title} />}
          </div>
        )}
      </figcaption>
      {empty ? <div className="chart-card__empty">{empty}</div> : <div className="chart-card__body">{children}</div>}
      {footer && <div className="chart-card__footer">{footer}</div>}
    </figure>
  );
}
