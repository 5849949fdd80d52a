import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick, formatValue } from '../format/format';
import { usePlayground } from '../store/StoreContext';
import { AXIS_TICK, CHART_MARGIN, stepDomain } from './axes';
import { ChartCard } from './ChartCard';
import { DISTORTION_CARD, distortionSubtitle, MetricToggle } from './chartCards';
import { distortionRows, phaseBoundaries, type DistortionMetric } from './chartData';
import { COLORS } from './palette';
import { phaseLines } from './PhaseLines';
import { useChartHeight } from './chartHeight';

export function DistortionChart({ metric, onMetricChange }: { metric: DistortionMetric; onMetricChange(m: DistortionMetric): void }) {
  const evals = usePlayground((s) => s.run?.evals);
  const height = useChartHeight();
  const info = usePlayground((s) => s.run?.info ?? null);
  const totalSteps = usePlayground((s) => s.run?.progress.totalSteps ?? 0);
  const rows = useMemo(() => distortionRows(evals ?? [], metric), [evals, metric]);
  return (
    <ChartCard {...DISTORTION_CARD} subtitle={distortionSubtitle(metric)}
      toolbar={<MetricToggle value={metric} onChange={onMetricChange} />}
      empty={!rows.length && DISTORTION_CARD.empty}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={stepDomain(totalSteps)} allowDecimals={false} tick={AXIS_TICK} />
          <YAxis width={52} tick={AXIS_TICK} tickFormatter={formatTick} domain={metric === 'cosine' ? ['auto', 1] : [0, 'auto']} />
          <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={(x) => `step ${x}`} />
          <Legend verticalAlign="top" height={28} iconType="plainline" wrapperStyle={{ fontSize: 13 }} />
          {phaseLines(phaseBoundaries(info))}
          <Line dataKey="ood" name="OOD probes" stroke={COLORS.oodMean} strokeWidth={2.5} dot={false} isAnimationActive={false} />
          <Line dataKey="id" name="ID probes" stroke={COLORS.id} strokeWidth={2.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
