/**
 * Compare mode: the setup, then the compared runs drawn together (one colour per method setting,
 * mean line and band across seeds) and the results table. Shows whatever `comparison` names: runs
 * just queued from the setup (filled in as they train), or runs picked in the Runs list.
 */
import { useMemo, useState } from 'react';
import type { DistortionMetric } from '../charts/chartData';
import { DISTORTION_METRICS } from '../charts/chartData';
import { formatPercent, formatTick, formatValue } from '../format/format';
import { percentTick } from '../charts/axes';
import { BandChart } from './BandChart';
import { BAND_MODES, resultRows, type BandMode, type SelectionRule } from './compare';
import { CompareSetup } from './CompareSetup';
import { ResultsTable } from './ResultsTable';
import { useCompared } from './useCompared';

function Toggle<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: readonly { id: NoInfer<T>; label: string; explanation?: string }[]; onChange(v: NoInfer<T>): void }) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.id} type="button" className="segmented__item" aria-pressed={o.id === value} title={o.explanation} onClick={() => onChange(o.id)}>{o.label}</button>
      ))}
    </div>
  );
}

export function CompareView() {
  const data = useCompared();
  const [band, setBand] = useState<BandMode>('minmax');
  const [rule, setRule] = useState<SelectionRule>('last');
  const [ood, setOod] = useState<'oodMean' | 'oodWorst'>('oodMean');
  const [side, setSide] = useState<'id' | 'ood'>('ood');
  const metric: DistortionMetric = 'l2';
  const rows = useMemo(() => (data ? resultRows(data.groups, data.base, rule, metric, data.interrupted, data.baseName) : []), [data, rule]);
  const labels = rows.map((r) => r.label);
  const metricInfo = DISTORTION_METRICS.find((m) => m.id === metric)!;
  const pct = (v: number) => formatPercent(v);
  return (
    <div className="compare">
      <CompareSetup />
      {!data || data.views.length === 0 ? (
        <div className="card compare__empty" data-testid="compare-empty">
          <p><strong>Nothing to compare yet.</strong> Pick methods above and press Compare, or pick runs in the <em>Runs</em> tab and press “Compare selected”.</p>
        </div>
      ) : (
        <>
          <div className="compare__bar">
            <h2 className="compare__title">
              {data.groups.length} setting{data.groups.length === 1 ? '' : 's'} · {data.views.length} run{data.views.length === 1 ? '' : 's'}
            </h2>
            <div className="compare__band">
              <span className="compare__band-label">Band across seeds</span>
              <Toggle label="Band across seeds" value={band} options={BAND_MODES} onChange={setBand} />
            </div>
          </div>
          <div className="charts compare__charts">
            <BandChart testId="compare-loss" title="Training loss" subtitle="cross-entropy of each training batch; line: mean over seeds, band: spread"
              metric={{ kind: 'loss' }} groups={data.groups} labels={labels} band={band} format={formatValue} tick={formatTick}
              yDomain={[0, 'auto']} empty="The loss appears here once the first compared run trains." />
            <BandChart testId="compare-id" title="ID accuracy" subtitle="clean test images, at each evaluation"
              metric={{ kind: 'idAcc' }} groups={data.groups} labels={labels} band={band} format={pct} tick={percentTick}
              yDomain={[0, 1]} yTicks={[0, 0.25, 0.5, 0.75, 1]} dots empty="Accuracy appears after the first evaluation." />
            <BandChart testId="compare-ood" title={ood === 'oodMean' ? 'OOD accuracy: mean over shifts' : 'OOD accuracy: worst shift'}
              subtitle="the same test images under each selected shift"
              toolbar={<Toggle label="OOD accuracy" value={ood} options={[{ id: 'oodMean', label: 'mean' }, { id: 'oodWorst', label: 'worst' }]} onChange={setOod} />}
              metric={{ kind: ood }} groups={data.groups} labels={labels} band={band} format={pct} tick={percentTick}
              yDomain={[0, 1]} yTicks={[0, 0.25, 0.5, 0.75, 1]} dots empty="Accuracy appears after the first evaluation." />
            <BandChart testId="compare-distortion" title={`Feature distortion on ${side === 'id' ? 'ID' : 'OOD'} probes`}
              subtitle={`${metricInfo.axis}: ${metricInfo.explanation}`}
              toolbar={<Toggle label="Probe images" value={side} options={[{ id: 'id', label: 'ID' }, { id: 'ood', label: 'OOD' }]} onChange={setSide} />}
              metric={{ kind: 'distortion', side, measure: metric }} groups={data.groups} labels={labels} band={band} format={formatValue} tick={formatTick}
              yDomain={[0, 'auto']} dots empty="Distortion appears after the first evaluation." />
          </div>
          <ResultsTable rows={rows} groups={data.groups} rule={rule} onRule={setRule} metric={metric} />
        </>
      )}
    </div>
  );
}
