import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { isDomainOod, oodLabel } from '../../engine/data/oodId';
import { oodSetIds } from '../../engine/data/targets';
import { formatPercent } from '../format/format';
import { usePlayground } from '../store/StoreContext';
import { AXIS_TICK, CHART_MARGIN, percentTick, stepDomain } from './axes';
import { ChartCard } from './ChartCard';
import { ACCURACY_CARD, accuracySubtitle } from './chartCards';
import { accuracyRows, phaseBoundaries, shiftKey } from './chartData';
import { COLORS, shiftColor } from './palette';
import { phaseLines } from './PhaseLines';
import { useChartHeight } from './chartHeight';

export function AccuracyChart() {
  const evals = usePlayground((s) => s.run?.evals);
  const height = useChartHeight();
  const info = usePlayground((s) => s.run?.info ?? null);
  const config = usePlayground((s) => s.run?.config);
  const firstEval = evals?.[0];
  const oodSets = useMemo(() => {
    const ids = config ? oodSetIds(config) : [];
    // a user dataset's OOD collections are named by the run's evaluations (the config holds only the dataset's id)
    const domains = firstEval ? (Object.keys(firstEval.ood) as (keyof typeof firstEval.ood)[]).filter((id) => isDomainOod(id) && !ids.includes(id)) : [];
    return [...domains, ...ids];
  }, [config, firstEval]);
  const totalSteps = usePlayground((s) => s.run?.progress.totalSteps ?? 0);
  const rows = useMemo(() => accuracyRows(evals ?? []), [evals]);
  return (
    <ChartCard {...ACCURACY_CARD} subtitle={accuracySubtitle(config?.dataset, config?.shifts.length ?? 0)} empty={!rows.length && ACCURACY_CARD.empty}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={stepDomain(totalSteps)} allowDecimals={false} tick={AXIS_TICK} />
          <YAxis width={44} domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={percentTick} tick={AXIS_TICK} />
          <Tooltip formatter={(v) => formatPercent(Number(v))} labelFormatter={(x) => `step ${x}`} />
          <Legend verticalAlign="top" height={28} iconType="plainline" wrapperStyle={{ fontSize: 13 }} />
          {phaseLines(phaseBoundaries(info))}
          {oodSets.map((id, i) => (
            // a benchmark's held-out domain is a real OOD set: drawn and named in the legend, not one muted line among shifts
            isDomainOod(id)
              ? <Line key={id} dataKey={shiftKey(id)} name={oodLabel(id)} stroke={COLORS.heldOut} strokeWidth={2} dot={false} isAnimationActive={false} />
              : <Line key={id} dataKey={shiftKey(id)} name={oodLabel(id)} stroke={shiftColor(i)} strokeWidth={1} dot={false} isAnimationActive={false} legendType="none" />
          ))}
          <Line dataKey="oodWorst" name="OOD worst" stroke={COLORS.oodWorst} strokeWidth={2} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
          <Line dataKey="oodMean" name="OOD mean" stroke={COLORS.oodMean} strokeWidth={2.5} dot={false} isAnimationActive={false} />
          <Line dataKey="id" name="ID" stroke={COLORS.id} strokeWidth={2.5} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
