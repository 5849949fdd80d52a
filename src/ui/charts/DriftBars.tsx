import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick, formatValue } from '../format/format';
import { usePlayground } from '../store/StoreContext';
import { lastEval } from '../store/runView';
import { AXIS_TICK, CHART_MARGIN } from './axes';
import { ChartCard } from './ChartCard';
import { DRIFT_CARD, driftSubtitle } from './chartCards';
import { driftBars } from './chartData';
import { COLORS } from './palette';

/** Layers on the vertical axis so their names read horizontally; the chart grows with the layer count. */
export function DriftBars() {
  const latest = usePlayground((s) => lastEval(s.run));
  const order = usePlayground((s) => s.run?.info?.driftLayers);
  const bars = useMemo(() => driftBars(latest, order ?? []), [latest, order]);
  return (
    <ChartCard {...DRIFT_CARD} subtitle={driftSubtitle(latest?.step)}
      empty={!bars.length && DRIFT_CARD.empty}>
      <ResponsiveContainer width="100%" height={Math.max(160, bars.length * 16 + 44)}>
        <BarChart data={bars} layout="vertical" margin={{ ...CHART_MARGIN, left: 8 }}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={AXIS_TICK} tickFormatter={formatTick} domain={[0, 'auto']} />
          <YAxis type="category" dataKey="layer" width={96} tick={{ ...AXIS_TICK, fontSize: 11 }} interval={0} />
          <Tooltip formatter={(v) => formatValue(Number(v))} />
          <Bar dataKey="drift" name="relative drift" fill={COLORS.drift} isAnimationActive={false} maxBarSize={16} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
