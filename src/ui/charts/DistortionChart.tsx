import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick, formatValue } from '../format/format';
import { usePlayground } from '../store/StoreContext';
import { AXIS_TICK, CHART_HEIGHT, CHART_MARGIN, stepDomain } from './axes';
import { ChartCard } from './ChartCard';
import { DISTORTION_METRICS, distortionRows, phaseBoundaries, type DistortionMetric } from './chartData';
import { COLORS } from './palette';
import { phaseLines } from './PhaseLines';

function MetricToggle({ value, onChange }: { value: DistortionMetric; onChange(m: DistortionMetric): void }) {
  return (
    <div className="segmented" role="group" aria-label="Distortion measure">
      {DISTORTION_METRICS.map((m) => (
        <button key={m.id} type="button" className="segmented__item" aria-pressed={m.id === value} title={m.explanation}
          onClick={() => onChange(m.id)}>{m.label}</button>
      ))}
    </div>
  );
}

export function DistortionChart({ metric, onMetricChange }: { metric: DistortionMetric; onMetricChange(m: DistortionMetric): void }) {
  const evals = usePlayground((s) => s.run?.evals);
  const info = usePlayground((s) => s.run?.info ?? null);
  const totalSteps = usePlayground((s) => s.run?.progress.totalSteps ?? 0);
  const rows = useMemo(() => distortionRows(evals ?? [], metric), [evals, metric]);
  const def = DISTORTION_METRICS.find((m) => m.id === metric)!;
  return (
    <ChartCard testId="chart-distortion" title="Feature distortion" subtitle={`${def.axis}: ${def.explanation}, on ID and OOD probe images`}
      toolbar={<MetricToggle value={metric} onChange={onMetricChange} />}
      empty={!rows.length && 'Distortion appears after the first evaluation.'}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
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
