import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick, formatValue } from '../format/format';
import { usePlayground } from '../store/StoreContext';
import { AXIS_TICK, CHART_HEIGHT, CHART_MARGIN, stepDomain } from './axes';
import { ChartCard } from './ChartCard';
import { LOSS_CARD } from './chartCards';
import { phaseBoundaries } from './chartData';
import { COLORS } from './palette';
import { phaseLines } from './PhaseLines';

export function LossChart() {
  const loss = usePlayground((s) => s.run?.loss);
  const info = usePlayground((s) => s.run?.info ?? null);
  const totalSteps = usePlayground((s) => s.run?.progress.totalSteps ?? 0);
  return (
    <ChartCard {...LOSS_CARD} empty={!loss?.length && LOSS_CARD.empty}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart data={loss} margin={CHART_MARGIN}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={stepDomain(totalSteps)} allowDecimals={false} tick={AXIS_TICK}
            label={{ value: 'step', position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
          <YAxis width={52} tick={AXIS_TICK} tickFormatter={formatTick} domain={[0, 'auto']} />
          <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={(x) => `step ${Math.round(Number(x))}`} />
          {phaseLines(phaseBoundaries(info))}
          <Line dataKey="y" name="loss" type="linear" stroke={COLORS.loss} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
