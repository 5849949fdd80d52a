/**
 * Confusion counts of the latest evaluation: rows are the true class, columns the predicted one;
 * hits in blue, mistakes in orange, each shaded by its share of the row. ID by default; each
 * shifted domain can be picked to see which classes a shift confuses.
 */
import { useState } from 'react';
import type { InsightDomain } from '../../engine/metrics/insightTypes';
import { formatPercent } from '../format/format';
import { confusionAccuracy, confusionRows, domainLabel, heatColour, heatText, type InsightView } from './insightData';

/** Short class names go in the headers; long ones (Fashion-MNIST) use their index with the name on hover. */
function header(name: string | undefined, index: number): string {
  return name && name.length <= 3 ? name : String(index);
}

export function ConfusionMatrix({ view, classNames }: { view: InsightView; classNames: readonly string[] }) {
  const { frame, latest } = view;
  const [picked, setPicked] = useState<InsightDomain>('id');
  const domain = frame.domains.includes(picked) ? picked : 'id';
  const d = frame.domains.indexOf(domain);
  const c = frame.numClasses;
  const counts = latest?.confusion[d];
  const rows = counts ? confusionRows(counts, c) : [];
  const longNames = classNames.some((n) => n.length > 3);
  return (
    <figure className="inside-panel inside-confusion" data-testid="inside-confusion" aria-labelledby="inside-confusion-title">
      <figcaption className="inside-panel__head">
        <div>
          <h3 id="inside-confusion-title" className="inside-panel__title">Confusion matrix</h3>
          <p className="inside-panel__sub">
            {latest ? `step ${latest.step} · ` : ''}row: true class, column: predicted · blue: right, orange: wrong
          </p>
        </div>
        <div className="inside-panel__tools">
          <label className="visually-hidden" htmlFor="confusion-domain">Test images</label>
          <select id="confusion-domain" className="input input--compact" data-testid="confusion-domain" value={domain}
            onChange={(e) => setPicked(e.target.value as InsightDomain)}>
            {frame.domains.map((dm) => <option key={dm} value={dm}>{domainLabel(dm)}</option>)}
          </select>
        </div>
      </figcaption>
      {!counts ? <div className="chart-card__empty">Appears after the first evaluation.</div> : (
        <>
          <div className="confusion__wrap">
            <div className="confusion__axes" aria-hidden="true"><span>true class ↓</span><span>predicted class →</span></div>
            <table className="confusion">
              <colgroup>
                <col className="confusion__row-head" />
                {Array.from({ length: c }, (_, j) => <col key={j} />)}
                <col className="confusion__acc-col" />
              </colgroup>
              <thead>
                <tr>
                  <th className="confusion__corner" scope="col"><span className="visually-hidden">true class</span></th>
                  {Array.from({ length: c }, (_, j) => <th key={j} scope="col" title={classNames[j]}>{header(classNames[j], j)}</th>)}
                  <th scope="col" className="confusion__acc-head" title="share of this class predicted right">right</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    <th scope="row" title={classNames[i]}>{header(classNames[i], i)}</th>
                    {row.cells.map((cell, j) => (
                      <td key={j} className={`confusion__cell${i === j ? ' confusion__cell--hit' : ''}`}
                        style={{ background: heatColour(cell.share, i === j), color: heatText(cell.share, i === j) }}
                        title={`true ${classNames[i] ?? i}, predicted ${classNames[j] ?? j}: ${cell.count} of ${row.total}`}>
                        {cell.count || ''}
                      </td>
                    ))}
                    <td className="confusion__acc">{row.total ? formatPercent(row.accuracy, 0) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="confusion__total">
            {domainLabel(domain)}: <strong>{formatPercent(confusionAccuracy(counts, c))}</strong> right over {counts.reduce((a, b) => a + b, 0)} test images
            {longNames && <span className="muted"> · classes: {classNames.map((n, i) => `${i} ${n}`).join(', ')}</span>}
          </p>
        </>
      )}
    </figure>
  );
}
