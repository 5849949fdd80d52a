/**
 * The comparison's numbers: one row per method setting, mean ± std over its seeds, under a
 * model-selection rule stated above the table (last step, or best ID validation). The best mean
 * of each accuracy column is marked. Downloadable as CSV.
 */
import type { DistortionMetric } from '../charts/chartData';
import { DISTORTION_METRICS } from '../charts/chartData';
import { groupColor } from '../charts/palette';
import { formatClock } from '../format/format';
import { formatStatPercent, formatStatValue, SELECTION_RULES, type ResultRow, type SelectionRule, type Stat } from './compare';
import { resultsCsv } from './csv';
import { downloadText, stamp } from './download';

function best(rows: readonly ResultRow[], pick: (r: ResultRow) => Stat): number {
  const means = rows.map((r) => pick(r)).filter((s) => s.n > 0).map((s) => s.mean);
  return rows.filter((r) => pick(r).n > 0).length >= 2 ? Math.max(...means) : Number.NaN;
}

function StatCell({ stat, top, percent }: { stat: Stat; top?: number; percent?: boolean }) {
  const isTop = top !== undefined && stat.n > 0 && stat.mean === top;
  const one = (v: number) => (percent ? formatStatPercent : formatStatValue)({ ...stat, n: 1, mean: v });
  return (
    <td className={isTop ? 'results__best' : undefined} title={stat.n > 1 ? `lowest seed ${one(stat.min)}, highest seed ${one(stat.max)}` : undefined}>
      {percent ? formatStatPercent(stat) : formatStatValue(stat)}
    </td>
  );
}

export interface ResultsTableProps {
  rows: readonly ResultRow[];
  rule: SelectionRule;
  onRule(rule: SelectionRule): void;
  metric: DistortionMetric;
}

export function ResultsTable({ rows, rule, onRule, metric }: ResultsTableProps) {
  const ruleInfo = SELECTION_RULES.find((r) => r.id === rule)!;
  const metricInfo = DISTORTION_METRICS.find((m) => m.id === metric)!;
  const top = { id: best(rows, (r) => r.idAcc), mean: best(rows, (r) => r.oodMean), worst: best(rows, (r) => r.oodWorst) };
  const csv = () => downloadText(`compare-results-${stamp()}.csv`, resultsCsv(rows, rule, metric), 'text/csv');
  return (
    <section className="card results" aria-labelledby="results-heading" data-testid="results">
      <div className="results__head">
        <div>
          <h2 id="results-heading" className="card__title">Results</h2>
          <p className="results__rule" data-testid="selection-rule">
            <strong>Model selection: {ruleInfo.label}.</strong> {ruleInfo.explanation[0].toUpperCase() + ruleInfo.explanation.slice(1)}.
            {' '}Mean ± standard deviation over seeds; only completed runs count.
          </p>
        </div>
        <div className="results__tools">
          <div className="segmented" role="group" aria-label="Model selection rule">
            {SELECTION_RULES.map((r) => (
              <button key={r.id} type="button" className="segmented__item" aria-pressed={r.id === rule} title={r.explanation}
                onClick={() => onRule(r.id)}>{r.label}</button>
            ))}
          </div>
          <button type="button" className="btn btn--small" onClick={csv} disabled={rows.length === 0} data-testid="results-csv">Download CSV</button>
        </div>
      </div>
      <div className="results__scroll">
        <table className="results__table" data-testid="results-table">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col" className="results__num" title="completed runs (seeds) the numbers average over">n</th>
              <th scope="col" className="results__num">ID accuracy</th>
              <th scope="col" className="results__num">OOD mean</th>
              <th scope="col" className="results__num">OOD worst</th>
              <th scope="col" className="results__num" title={metricInfo.explanation}>Distortion ID <span className="results__unit">{metricInfo.label}</span></th>
              <th scope="col" className="results__num" title={metricInfo.explanation}>Distortion OOD <span className="results__unit">{metricInfo.label}</span></th>
              <th scope="col" className="results__num" title="wall-clock time of each run: loading, training and evaluating">Time</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="results-row">
                <th scope="row">
                  <span className="results__method">
                    <span className="results__swatch" style={{ background: groupColor(r.index) }} aria-hidden="true" />
                    <span data-testid="results-label">{r.label}</span>
                  </span>
                  {(r.excluded.length > 0 || r.pending > 0) && (
                    <span className="results__note">
                      {[...(r.pending ? [`${r.pending} still to run`] : []), ...r.excluded.map((x) => `${x}, not counted`)].join(' · ')}
                    </span>
                  )}
                </th>
                <td className="results__n" data-testid="results-n">{r.seeds.length}</td>
                <StatCell stat={r.idAcc} top={top.id} percent />
                <StatCell stat={r.oodMean} top={top.mean} percent />
                <StatCell stat={r.oodWorst} top={top.worst} percent />
                <StatCell stat={r.distortionId} />
                <StatCell stat={r.distortionOod} />
                <td>{r.seconds.n ? `${formatClock(r.seconds.mean)}${r.seconds.n > 1 ? ` ± ${Math.round(r.seconds.std)} s` : ''}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="results__foot muted">Bold: the highest mean in its column. Hover a cell for the lowest and highest seed.</p>
    </section>
  );
}
