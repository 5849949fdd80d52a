/** The run view's four charts (recharts): loaded as their own chunk once there is a run (ChartsArea.tsx). */
import type { DistortionMetric } from './chartData';
import { AccuracyChart } from './AccuracyChart';
import { DistortionChart } from './DistortionChart';
import { DriftBars } from './DriftBars';
import { LossChart } from './LossChart';

export default function LiveCharts({ metric, onMetricChange }: { metric: DistortionMetric; onMetricChange(m: DistortionMetric): void }) {
  return (
    <>
      <LossChart />
      <AccuracyChart />
      <DistortionChart metric={metric} onMetricChange={onMetricChange} />
      <DriftBars />
    </>
  );
}
