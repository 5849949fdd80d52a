/** The latest numbers, large enough to read from the back of a room. */
import { oodLabel } from '../../engine/data/oodId';
import { DISTORTION_METRICS, type DistortionMetric } from '../charts/chartData';
import { formatPercent, formatRate, formatValue } from '../format/format';
import { usePlayground } from '../store/StoreContext';
import { lastEval } from '../store/runView';

interface MetricProps { testId: string; label: string; value: string; note?: string; tone?: string }

function Metric({ testId, label, value, note, tone }: MetricProps) {
  return (
    <div className={`metric${tone ? ` metric--${tone}` : ''}`}>
      <div className="metric__label">{label}</div>
      <div className="metric__value" data-testid={testId}>
        {value}
      </div>
      {note && <div className="metric__note" title={note}>{note}</div>}
    </div>
  );
}

export function MetricsStrip({ metric }: { metric: DistortionMetric }) {
  const latest = usePlayground((s) => lastEval(s.run));
  const stepsPerSec = usePlayground((s) => s.run?.progress.stepsPerSec ?? 0);
  const metricLabel = DISTORTION_METRICS.find((m) => m.id === metric)!.label;
  return (
    <section className="metrics" aria-label="Latest numbers">
      <Metric testId="metric-id-acc" label="ID accuracy" value={formatPercent(latest?.idAcc)} tone="id"
        note={latest ? `step ${latest.step}` : 'no evaluation yet'} />
      <Metric testId="metric-ood-mean" label="OOD mean" value={formatPercent(latest?.oodMean)} tone="ood" />
      <Metric testId="metric-ood-worst" label="OOD worst" value={formatPercent(latest?.oodWorst)} tone="worst"
        note={latest ? oodLabel(latest.worstShift) : undefined} />
      <Metric testId="metric-distortion-id" label="Distortion ID" value={formatValue(latest?.distortion.id[metric])} note={metricLabel} />
      <Metric testId="metric-distortion-ood" label="Distortion OOD" value={formatValue(latest?.distortion.ood[metric])} note={metricLabel} />
      <Metric testId="metric-steps-per-sec" label="Steps / second" value={formatRate(stepsPerSec)} note="training, excl. evaluation" />
    </section>
  );
}
