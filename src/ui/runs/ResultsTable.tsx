/**
 * The comparison's numbers: one row per method setting, mean ± std over its seeds and the t-based
 * 95 % interval of the mean, under a model-selection rule stated above the table (last step, or
 * best ID validation), with the settings every run shares. A difference from a chosen baseline
 * row is marked only where a paired t-test over the seeds both share supports it (p < 0.05, at
 * least three shared seeds); otherwise nothing is marked, and the table says why. Downloadable as
 * CSV (the table, and every run's per-step curves); each row's settings load into the panel.
 */
import { useState } from 'react';
import type { DistortionMetric } from '../charts/chartData';
import { DISTORTION_METRICS } from '../charts/chartData';
import { groupColor } from '../charts/palette';
import { usePlayground } from '../store/StoreContext';
import {
  formatDuration, formatStatPercent, formatStatSeconds, formatStatValue, SELECTION_RULES, valueDecimals,
  type MetricId, type ResultRow, type RunGroup, type SelectionRule, type Stat,
} from './compare';
import { curvesCsv, resultsCsv } from './csv';
import { downloadText, stamp } from './download';
import { sharedSettings } from './sharedSettings';
import { formatP, MIN_PAIRED_SEEDS, pairedTTest, tInterval, type PairedTest } from './stats';

type Kind = 'percent' | 'value';

const COLUMNS: { id: MetricId; kind: Kind }[] = [
  { id: 'idAcc', kind: 'percent' }, { id: 'oodMean', kind: 'percent' }, { id: 'oodWorst', kind: 'percent' },
  { id: 'distortionId', kind: 'value' }, { id: 'distortionOod', kind: 'value' },
];

/** The level a difference must reach to be marked. */
const ALPHA = 0.05;

const seedValues = (row: ResultRow, id: MetricId) => new Map([...row.perSeed].map(([seed, v]) => [seed, v[id]]));

function formatNumber(v: number, kind: Kind, decimalsFrom: number): string {
  if (kind === 'percent') return (v * 100).toFixed(1);
  return v.toFixed(valueDecimals(decimalsFrom));
}

function Interval({ stat, kind }: { stat: Stat; kind: Kind }) {
  const ci = tInterval(stat);
  if (!ci) return null;
  return (
    <span className="results__ci" title={`95 % confidence interval of the mean over ${stat.n} seeds (Student's t, ${stat.n - 1} degree${stat.n === 2 ? '' : 's'} of freedom)`}>
      95 % CI {formatNumber(ci.lo, kind, stat.mean)} – {formatNumber(ci.hi, kind, stat.mean)}
    </span>
  );
}

function Difference({ test, kind, frozenPair }: { test: PairedTest | null; kind: Kind; frozenPair: boolean }) {
  if (!test || !test.ok || frozenPair) return null;
  const d = test.meanDiff;
  const text = kind === 'percent' ? `${d >= 0 ? '+' : '−'}${Math.abs(d * 100).toFixed(1)} pts` : `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(valueDecimals(d))}`;
  const significant = test.p < ALPHA;
  return (
    <span className={significant ? 'results__sig' : 'results__nosig'}
      title={`paired t-test against the baseline over ${test.n} shared seeds: t = ${test.t.toFixed(2)}, ${test.df} degrees of freedom, ${formatP(test.p)}`}>
      {text} · {formatP(test.p)}
    </span>
  );
}

function StatCell({ row, id, kind, baseline }: { row: ResultRow; id: MetricId; kind: Kind; baseline: ResultRow | null }) {
  const stat = row[id];
  const frozen = kind === 'value' && row.frozen;
  const one = (v: number) => (kind === 'percent' ? formatStatPercent : formatStatValue)({ ...stat, n: 1, mean: v });
  const test = baseline && baseline !== row ? pairedTTest(seedValues(row, id), seedValues(baseline, id)) : null;
  return (
    <td data-testid={`cell-${id}`} title={stat.n > 1 && !frozen ? `lowest seed ${one(stat.min)}, highest seed ${one(stat.max)}` : undefined}>
      <span className="results__value">{kind === 'percent' ? formatStatPercent(stat) : formatStatValue(stat, frozen)}</span>
      {!frozen && <Interval stat={stat} kind={kind} />}
      <Difference test={test} kind={kind} frozenPair={kind === 'value' && row.frozen && !!baseline?.frozen} />
    </td>
  );
}

function LoadSettings({ row }: { row: ResultRow }) {
  const replaceConfig = usePlayground((s) => s.replaceConfig);
  const [done, setDone] = useState(false);
  return (
    <button type="button" className="link-button results__load" data-testid="results-load-settings"
      title="put this setting into the settings panel (seed of its first run)" onClick={() => { replaceConfig(row.config); setDone(true); }}>
      {done ? 'loaded into the settings ✓' : 'Load this run’s settings'}
    </button>
  );
}

/** Which rows could be tested against the baseline, and in words what was done. */
function testsSummary(rows: readonly ResultRow[], baseline: ResultRow): string {
  const others = rows.filter((r) => r !== baseline);
  const shared = others.map((r) => ({ r, n: [...r.perSeed.keys()].filter((s) => baseline.perSeed.has(s)).length }));
  const few = shared.filter((x) => x.n < MIN_PAIRED_SEEDS);
  const ns = [...new Set(shared.map((x) => x.n))].sort((a, b) => a - b);
  const parts = [
    `Differences from the baseline are marked (green) only where a two-sided paired t-test over the seeds both rows share gives p < ${ALPHA}; ` +
      `no correction for the number of comparisons. n = ${ns.join(' or ')} shared seed${ns.length === 1 && ns[0] === 1 ? '' : 's'}.`,
  ];
  if (few.length > 0) {
    parts.push(`${few.map((x) => `“${x.r.label}”: n = ${x.n}`).join('; ')} — fewer than ${MIN_PAIRED_SEEDS} shared seeds, so no test and no mark ` +
      `(with two seeds a t-test has one degree of freedom: its 95 % interval is ±12.7 standard errors, so almost no difference could pass). Run more seeds.`);
  }
  return parts.join(' ');
}

export interface ResultsTableProps {
  rows: readonly ResultRow[];
  groups: readonly RunGroup[];
  rule: SelectionRule;
  onRule(rule: SelectionRule): void;
  metric: DistortionMetric;
}

export function ResultsTable({ rows, groups, rule, onRule, metric }: ResultsTableProps) {
  const [baselineKey, setBaselineKey] = useState<string | null>(null);
  const ruleInfo = SELECTION_RULES.find((r) => r.id === rule)!;
  const metricInfo = DISTORTION_METRICS.find((m) => m.id === metric)!;
  const baseline = rows.find((r) => r.key === baselineKey) ?? rows[0] ?? null;
  const settings = sharedSettings(groups.flatMap((g) => g.runs.map((r) => r.config)));
  const csv = () => downloadText(`compare-results-${stamp()}.csv`, resultsCsv(rows, rule, metric, rows.length > 1 ? baseline : null), 'text/csv');
  const curves = () => downloadText(`compare-curves-${stamp()}.csv`,
    curvesCsv(groups.map((g, i) => ({ label: rows[i]?.label ?? g.key, runs: g.runs })), metric), 'text/csv');
  return (
    <section className="card results" aria-labelledby="results-heading" data-testid="results">
      <div className="results__head">
        <div>
          <h2 id="results-heading" className="card__title">Results</h2>
          <p className="results__rule" data-testid="selection-rule">
            <strong>Model selection: {ruleInfo.label}.</strong> {ruleInfo.explanation[0].toUpperCase() + ruleInfo.explanation.slice(1)}.
            {' '}Mean ± standard deviation over seeds, and the 95 % interval of the mean (Student's t); only completed runs count.
          </p>
          {settings.shared.length > 0 && (
            <p className="results__shared" data-testid="shared-settings">
              <strong>Every run:</strong> {settings.shared.join(' · ')} · {settings.seeds}.
              {settings.differ.length > 0 && <> <strong>Differs:</strong> {settings.differ.join(', ')}.</>}
            </p>
          )}
        </div>
        <div className="results__tools">
          <div className="segmented" role="group" aria-label="Model selection rule">
            {SELECTION_RULES.map((r) => (
              <button key={r.id} type="button" className="segmented__item" aria-pressed={r.id === rule} title={r.explanation}
                onClick={() => onRule(r.id)}>{r.label}</button>
            ))}
          </div>
          <button type="button" className="btn btn--small" onClick={csv} disabled={rows.length === 0} data-testid="results-csv">Download CSV</button>
          <button type="button" className="btn btn--small" onClick={curves} disabled={rows.length === 0} data-testid="curves-csv"
            title="every run's loss, accuracies and distortion at each step (one value a line)">Curves CSV</button>
        </div>
      </div>
      {rows.length > 1 && baseline && (
        <div className="results__baseline">
          <label htmlFor="results-baseline">Baseline</label>
          <select id="results-baseline" className="input input--small" value={baseline.key} onChange={(e) => setBaselineKey(e.target.value)}>
            {rows.map((r) => <option key={r.key} value={r.key}>{r.label}</option>)}
          </select>
          <p className="results__tests" data-testid="results-tests">{testsSummary(rows, baseline)}</p>
        </div>
      )}
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
              <tr key={r.key} data-testid="results-row" className={r === baseline && rows.length > 1 ? 'results__row--baseline' : undefined}>
                <th scope="row">
                  <span className="results__method">
                    <span className="results__swatch" style={{ background: groupColor(r.index) }} aria-hidden="true" />
                    <span data-testid="results-label">{r.label}</span>
                    {r === baseline && rows.length > 1 && <span className="results__tag">baseline</span>}
                  </span>
                  {(r.excluded.length > 0 || r.pending > 0) && (
                    <span className="results__note">
                      {[...(r.pending ? [`${r.pending} still to run`] : []), ...r.excluded.map((x) => `${x}, not counted`)].join(' · ')}
                    </span>
                  )}
                  <LoadSettings row={r} />
                </th>
                <td className="results__n" data-testid="results-n">{r.seeds.length}</td>
                {COLUMNS.map((c) => <StatCell key={c.id} row={r} id={c.id} kind={c.kind} baseline={baseline} />)}
                <td data-testid="cell-seconds" title={r.seconds.n > 1 ? `fastest seed ${formatDuration(r.seconds.min)}, slowest ${formatDuration(r.seconds.max)}` : undefined}>
                  {formatStatSeconds(r.seconds)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="results__foot muted">
        Hover a cell for the lowest and highest seed, and a marked difference for its test. A linear probe’s backbone cannot move, so its
        distortion is shown as 0 (what is measured there is float noise of about 1e-6).
      </p>
    </section>
  );
}
