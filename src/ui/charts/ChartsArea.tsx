/** The live view of a run: latest numbers, then the four charts. Owns the distortion measure both show. */
import { useState } from 'react';
import { MetricsStrip } from '../panels/MetricsStrip';
import { AccuracyChart } from './AccuracyChart';
import type { DistortionMetric } from './chartData';
import { DistortionChart } from './DistortionChart';
import { DriftBars } from './DriftBars';
import { LossChart } from './LossChart';

export function ChartsArea() {
  const [metric, setMetric] = useState<DistortionMetric>('l2');
  return (
    <>
      <MetricsStrip metric={metric} />
      <div className="charts">
        <LossChart />
        <AccuracyChart />
        <DistortionChart metric={metric} onMetricChange={setMetric} />
        <DriftBars />
      </div>
    </>
  );
}
