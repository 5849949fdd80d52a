/**
 * The live view of a run: latest numbers, then the four charts. Owns the distortion measure both show.
 * The charts and recharts under them are a chunk of their own, loaded once there is a run: until
 * then (and while it loads) the same four cards show their empty states, so opening the page needs
 * no charting code.
 */
import { lazy, Suspense, useState } from 'react';
import { MetricsStrip } from '../panels/MetricsStrip';
import { usePlayground } from '../store/StoreContext';
import { EmptyCharts } from './chartCards';
import type { DistortionMetric } from './chartData';

const LiveCharts = lazy(() => import('./LiveCharts'));

export function ChartsArea() {
  const [metric, setMetric] = useState<DistortionMetric>('l2');
  const hasRun = usePlayground((s) => s.run !== null);
  const empty = <EmptyCharts metric={metric} onMetricChange={setMetric} />;
  return (
    <>
      <MetricsStrip metric={metric} />
      <div className="charts">
        {hasRun ? <Suspense fallback={empty}><LiveCharts metric={metric} onMetricChange={setMetric} /></Suspense> : empty}
      </div>
    </>
  );
}
