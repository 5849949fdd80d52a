/**
 * The presentation view's charts, a chunk of their own (recharts): during a race (a comparison) the
 * compared runs' ID and OOD accuracy and feature distortion on shared axes, growing together;
 * otherwise the current run's accuracy and distortion.
 */
import { useEffect, useMemo, useState } from 'react';
import { ChartHeightContext } from '../charts/chartHeight';
import { AccuracyChart } from '../charts/AccuracyChart';
import { percentTick } from '../charts/axes';
import type { DistortionMetric } from '../charts/chartData';
import { DistortionChart } from '../charts/DistortionChart';
import { formatPercent, formatTick, formatValue } from '../format/format';
import { BandChart } from '../runs/BandChart';
import { resultRows } from '../runs/compare';
import { useCompared } from '../runs/useCompared';
import { evalSetWords } from '../charts/chartCards';
import { usePlayground } from '../store/StoreContext';

function RaceCharts({ data }: { data: NonNullable<ReturnType<typeof useCompared>> }) {
  const dataset = usePlayground((s) => s.config.dataset);
  const shifts = usePlayground((s) => s.config.shifts.length);
  const words = evalSetWords(dataset, shifts);
  const oodTitle = !words.heldOut ? 'OOD accuracy (mean over shifts)' : shifts ? 'OOD accuracy (held-out domain and shifts)' : 'OOD accuracy (held-out domain)';
  const labels = useMemo(() => resultRows(data.groups, data.base, 'last', 'l2', data.interrupted, data.baseName).map((r) => r.label), [data]);
  const common = { groups: data.groups, labels, band: 'minmax' as const, dots: true };
  return (
    <>
      <BandChart testId="present-race-id" title="ID accuracy" subtitle={words.id} metric={{ kind: 'idAcc' }} {...common}
        format={formatPercent} tick={percentTick} yDomain={[0, 1]} yTicks={[0, 0.25, 0.5, 0.75, 1]} empty="Accuracy appears after the first evaluation." />
      <BandChart testId="present-race-ood" title={oodTitle} subtitle={words.ood} metric={{ kind: 'oodMean' }} {...common}
        format={formatPercent} tick={percentTick} yDomain={[0, 1]} yTicks={[0, 0.25, 0.5, 0.75, 1]} empty="Accuracy appears after the first evaluation." />
      <BandChart testId="present-race-distortion" title="How far the features moved" subtitle="‖f − f₀‖ on OOD probes" metric={{ kind: 'distortion', side: 'ood', measure: 'l2' }} {...common}
        format={formatValue} tick={formatTick} yDomain={[0, 'auto']} empty="Distortion appears after the first evaluation." />
    </>
  );
}

/** Two rows of chart cards under the title, whatever the screen's height (a card adds ~120 px to its chart). */
function useScreenChartHeight(): number {
  const fit = () => Math.round(Math.min(440, Math.max(150, (window.innerHeight - 90) / 2 - 125)));
  const [height, setHeight] = useState(fit);
  useEffect(() => {
    const onResize = () => setHeight(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

export default function PresentCharts() {
  const compared = useCompared();
  const [metric, setMetric] = useState<DistortionMetric>('l2');
  const height = useScreenChartHeight();
  return (
    <ChartHeightContext.Provider value={height}>
      {compared && compared.views.length > 1 ? <RaceCharts data={compared} /> : (
        <>
          <AccuracyChart />
          <DistortionChart metric={metric} onMetricChange={setMetric} />
        </>
      )}
    </ChartHeightContext.Provider>
  );
}
