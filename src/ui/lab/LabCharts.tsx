/**
 * The lab's four charts: (i) error vs epoch, one colour per k; (ii) error vs epoch, one colour per
 * target size; (iii) final error vs k; (iv) final test error vs k, one line per source. Test error
 * is a solid line, train error (against the labels trained on, noisy ones included) a dashed line of
 * the same colour, and a dotted vertical line marks the epoch where train error reaches ≈ 0.
 */
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { INTERPOLATION_ERROR } from '../../engine/sweep/record';
import { AXIS_TICK, CHART_HEIGHT, CHART_MARGIN, percentTick } from '../charts/axes';
import { ChartCard } from '../charts/ChartCard';
import { COLORS, groupColor } from '../charts/palette';
import { epochRows, type EpochSeries, type FinalRow } from './labData';

const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : '—');
const LEGEND = { verticalAlign: 'top', height: 30, iconType: 'plainline', wrapperStyle: { fontSize: 13 } } as const;

export function EpochChart({ testId, title, subtitle, series, empty }: { testId: string; title: string; subtitle: string; series: EpochSeries[]; empty: string }) {
  const rows = useMemo(() => epochRows(series), [series]);
  return (
    <ChartCard testId={testId} title={title} subtitle={subtitle} empty={series.length === 0 && empty}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT + 40}>
        <LineChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={[0, 'dataMax']} allowDecimals={false} tick={AXIS_TICK}
            label={{ value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
          <YAxis width={48} tick={AXIS_TICK} tickFormatter={percentTick} domain={[0, 'auto']} />
          <Tooltip formatter={pct} labelFormatter={(e) => `epoch ${e}`} />
          <Legend {...LEGEND} />
          {series.map((s, i) => (
            <Line key={`test-${s.key}`} dataKey={`test${i}`} name={`${s.label} test`} stroke={groupColor(i)} strokeWidth={2.2}
              dot={false} connectNulls isAnimationActive={false} />
          ))}
          {series.map((s, i) => (
            <Line key={`train-${s.key}`} dataKey={`train${i}`} name={`${s.label} train`} stroke={groupColor(i)} strokeWidth={1.2}
              strokeDasharray="5 4" dot={false} connectNulls isAnimationActive={false} legendType="none" />
          ))}
          {series.map((s, i) => s.record.interpolationEpoch !== null && (
            <ReferenceLine key={`interp-${s.key}`} x={s.record.interpolationEpoch} stroke={groupColor(i)} strokeDasharray="2 3" strokeWidth={1.5} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <p className="lab__chart-note">Solid: test error (clean test digits). Dashed: train error against the labels trained on. Dotted vertical, in the line's colour: the first epoch with train error ≤ {INTERPOLATION_ERROR * 100} % (the noisy labels are fitted).</p>
    </ChartCard>
  );
}

export function FinalVsKChart({ testId, title, subtitle, rows, lines, empty }: {
  testId: string; title: string; subtitle: string; rows: FinalRow[]; lines: { key: string; label: string; dashed?: boolean }[]; empty: string;
}) {
  const ks = rows.map((r) => r.k);
  return (
    <ChartCard testId={testId} title={title} subtitle={subtitle} empty={rows.length === 0 && empty}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT + 30}>
        <LineChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis dataKey="k" type="number" domain={['dataMin', 'dataMax']} ticks={ks} allowDecimals={false} tick={AXIS_TICK}
            label={{ value: 'frozen blocks k (0 = FT … all = LP)', position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
          <YAxis width={48} tick={AXIS_TICK} tickFormatter={percentTick} domain={[0, 'auto']} />
          <Tooltip formatter={pct} labelFormatter={(k) => `k = ${k}`} />
          <Legend {...LEGEND} />
          {lines.map((l, i) => (
            <Line key={l.key} dataKey={l.key} name={l.label} stroke={groupColor(i)} strokeWidth={l.dashed ? 1.4 : 2.4}
              strokeDasharray={l.dashed ? '5 4' : undefined} dot={{ r: 4, strokeWidth: 0, fill: groupColor(i) }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
