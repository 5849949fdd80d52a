/**
 * One compare chart: per method setting, the mean over seeds as a line and the spread across seeds
 * as a band (recharts Area over [low, high]) in that setting's colour.
 */
import { useMemo, type ReactNode } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, CHART_MARGIN } from '../charts/axes';
import { ChartCard } from '../charts/ChartCard';
import { COLORS, groupColor } from '../charts/palette';
import { bandKey, bandRows, countKey, curveOf, meanKey, type BandMode, type BandRow, type CurveMetric, type RunGroup } from './compare';
import { useChartHeight } from '../charts/chartHeight';

export interface BandChartProps {
  testId: string;
  title: string;
  subtitle: ReactNode;
  metric: CurveMetric;
  groups: readonly RunGroup[];
  labels: readonly string[];
  band: BandMode;
  format(v: number): string;
  tick(v: number): string;
  yDomain?: [number | 'auto', number | 'auto'];
  yTicks?: number[];
  toolbar?: ReactNode;
  /** evaluation curves have few points: mark them */
  dots?: boolean;
  empty: string;
}

interface TooltipProps {
  active?: boolean;
  label?: number | string;
  payload?: readonly { payload?: BandRow }[];
  labels: readonly string[];
  band: BandMode;
  format(v: number): string;
}

function BandTooltip({ active, payload, labels, band, format }: TooltipProps) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip band-tooltip">
      <div className="band-tooltip__step">step {Math.round(row.x * 10) / 10}</div>
      {labels.map((label, i) => {
        const mean = row[meanKey(i)] as number | undefined;
        if (mean === undefined) return null;
        const range = row[bandKey(i)] as [number, number] | undefined;
        const n = row[countKey(i)] as number;
        return (
          <div key={label} className="band-tooltip__row">
            <span className="band-tooltip__swatch" style={{ background: groupColor(i) }} />
            <span className="band-tooltip__label">{label}</span>
            <span className="band-tooltip__value">{format(mean)}</span>
            {range && <span className="band-tooltip__range">{band === 'minmax' ? 'range' : '±1 std'} {format(range[0])}–{format(range[1])}, n={n}</span>}
          </div>
        );
      })}
    </div>
  );
}

export function BandChart(props: BandChartProps) {
  const { groups, metric, band, labels } = props;
  const height = useChartHeight();
  const rows = useMemo(() => bandRows(groups.map((g) => g.runs.map((r) => curveOf(r, metric))), band), [groups, metric, band]);
  return (
    <ChartCard testId={props.testId} title={props.title} subtitle={props.subtitle} toolbar={props.toolbar}
      empty={!rows.length && props.empty}>
      <ResponsiveContainer width="100%" height={height + 30}>
        <ComposedChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={[0, 'dataMax']} allowDecimals={false} tick={AXIS_TICK}
            label={{ value: 'step', position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
          <YAxis width={52} tick={AXIS_TICK} tickFormatter={props.tick} domain={props.yDomain ?? ['auto', 'auto']} ticks={props.yTicks} />
          <Tooltip content={<BandTooltip labels={labels} band={band} format={props.format} />} />
          <Legend verticalAlign="top" height={30} iconType="plainline" wrapperStyle={{ fontSize: 13 }} />
          {groups.map((g, i) => (
            <Area key={`band-${g.key}`} dataKey={bandKey(i)} stroke="none" fill={groupColor(i)} fillOpacity={0.16}
              isAnimationActive={false} legendType="none" connectNulls activeDot={false} />
          ))}
          {groups.map((g, i) => (
            <Line key={`mean-${g.key}`} dataKey={meanKey(i)} name={labels[i]} stroke={groupColor(i)} strokeWidth={2.5}
              dot={props.dots ? { r: 3, strokeWidth: 0, fill: groupColor(i) } : false} connectNulls isAnimationActive={false} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
