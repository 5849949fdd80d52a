/**
 * The run view's four chart cards as they look before there is anything to draw: their titles and
 * empty states, shared with the charts themselves. The charts (and recharts under them) are a
 * separate chunk that the page loads once there is a run (ChartsArea.tsx): opening the page needs
 * no charting code.
 */
import { isBenchmark, type RunTargetId } from '../../engine/data/targets';
import { usePlayground } from '../store/StoreContext';
import { ChartCard } from './ChartCard';
import { DISTORTION_METRICS, type DistortionMetric } from './chartData';

export const LOSS_CARD = { testId: 'chart-loss', title: 'Training loss', subtitle: 'cross-entropy of each training batch', empty: 'The loss appears here once training starts.' } as const;
export const ACCURACY_CARD = {
  testId: 'chart-accuracy', title: 'Accuracy: in distribution vs shifted',
  subtitle: 'ID = clean test images; OOD = the same images under each shift (thin lines: one per shift)',
  empty: 'Accuracy appears after the first evaluation.',
} as const;
/** What ID and OOD are for a run's target: shifted copies of the test images, or a benchmark's held-out domain (with any shifts on top). */
export function evalSetWords(dataset: RunTargetId | undefined, shifts: number): { heldOut: boolean; id: string; ood: string } {
  const heldOut = dataset !== undefined && isBenchmark(dataset);
  return {
    heldOut,
    id: heldOut ? 'the training domains\' held-out images' : 'clean test images',
    ood: heldOut ? `the held-out domain (images no run trains on)${shifts ? ', and the test images under each shift' : ''}` : 'the same images under each shift',
  };
}

/** The accuracy card's subtitle for a run's target. */
export function accuracySubtitle(dataset: RunTargetId | undefined, shifts: number): string {
  const w = evalSetWords(dataset, shifts);
  return `ID = ${w.id}; OOD = ${w.ood} (thin lines: one per ${w.heldOut ? 'OOD set' : 'shift'})`;
}

export const DISTORTION_CARD = { testId: 'chart-distortion', title: 'Feature distortion', empty: 'Distortion appears after the first evaluation.' } as const;
export const DRIFT_CARD = { testId: 'chart-drift', title: 'Weight drift per layer', empty: 'Per-layer drift appears after the first evaluation.' } as const;

export function distortionSubtitle(metric: DistortionMetric): string {
  const def = DISTORTION_METRICS.find((m) => m.id === metric)!;
  return `${def.axis}: ${def.explanation}, on ID and OOD probe images`;
}

export function driftSubtitle(step: number | undefined) {
  return <>‖W − W₀‖ / ‖W₀‖ at the latest evaluation{step !== undefined ? ` (step ${step})` : ''}; frozen layers stay at 0</>;
}

export function MetricToggle({ value, onChange }: { value: DistortionMetric; onChange(m: DistortionMetric): void }) {
  return (
    <div className="segmented" role="group" aria-label="Distortion measure">
      {DISTORTION_METRICS.map((m) => (
        <button key={m.id} type="button" className="segmented__item" aria-pressed={m.id === value} title={m.explanation}
          onClick={() => onChange(m.id)}>{m.label}</button>
      ))}
    </div>
  );
}

/** The four cards with their empty states: what the run view shows until there is a run (and while the charts load). */
export function EmptyCharts({ metric, onMetricChange }: { metric: DistortionMetric; onMetricChange(m: DistortionMetric): void }) {
  const dataset = usePlayground((s) => s.config.dataset);
  const shifts = usePlayground((s) => s.config.shifts.length);
  return (
    <>
      <ChartCard {...LOSS_CARD}>{null}</ChartCard>
      <ChartCard {...ACCURACY_CARD} subtitle={accuracySubtitle(dataset, shifts)}>{null}</ChartCard>
      <ChartCard {...DISTORTION_CARD} subtitle={distortionSubtitle(metric)} toolbar={<MetricToggle value={metric} onChange={onMetricChange} />}>{null}</ChartCard>
      <ChartCard {...DRIFT_CARD} subtitle={driftSubtitle(undefined)}>{null}</ChartCard>
    </>
  );
}
