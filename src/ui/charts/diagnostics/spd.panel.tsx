/** SPD: on which layers the decay acted, and how far the anchored weights have moved from θ0. */
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvalRecord } from '../../../engine/training/events';
import { finiteRange, formatPercent, formatValue, rangeTickFormatter } from '../../format/format';
import { AXIS_TICK, CHART_MARGIN, percentTick, stepDomain } from '../axes';
import { diagSeriesColor } from '../palette';
import { DIAG_CHART_HEIGHT, DiagPanel } from './DiagPanel';
import { inOrder, latestWith, targetsOf, valueOf, type SeriesRows } from './diagnosticData';
import type { DiagnosticPanel } from './panel';

/** this method's hue in the diagnostics card */
const HUE = '#0e7490';

export interface LayerBar { layer: string; value: number }

/** Share of steps on which SPD's condition c < 0 held, per layer, at the latest evaluation that has it. */
export function spdDecayBars(evals: readonly EvalRecord[], order: readonly string[] = []): LayerBar[] {
  const latest = latestWith(evals, 'spd');
  if (!latest) return [];
  return inOrder(targetsOf([latest], 'spd', 'decayShare'), order)
    .flatMap((layer) => { const v = valueOf(latest, 'spd', 'decayShare', layer); return v === undefined ? [] : [{ layer, value: v }]; });
}


/**
 * ‖θ − θ0‖ over steps: the total over all anchored layers (√Σ of the squared per-layer distances,
 * which is the distance of all those weights together), and the `maxLayers` layers farthest from θ0
 * at the latest evaluation.
 */
export function spdDistanceSeries(evals: readonly EvalRecord[], maxLayers = 3): SeriesRows {
  const layers = targetsOf(evals, 'spd', 'distance');
  if (!layers.length) return { rows: [], series: [] };
  const latest = latestWith(evals, 'spd');
  const farthest = latest
    ? [...layers].sort((a, b) => (valueOf(latest, 'spd', 'distance', b) ?? 0) - (valueOf(latest, 'spd', 'distance', a) ?? 0)).slice(0, maxLayers)
    : [];
  const series = [{ key: 'total', name: 'all anchored layers' }, ...farthest.map((layer, i) => ({ key: `s${i}`, name: layer }))];
  const rows = evals.flatMap((e) => {
    const values = layers.map((l) => valueOf(e, 'spd', 'distance', l));
    if (values.every((v) => v === undefined)) return [];
    const row: { step: number } & Record<string, number> = { step: e.step, total: Math.sqrt(values.reduce<number>((s, v) => s + (v ?? 0) ** 2, 0)) };
    farthest.forEach((layer, i) => { const v = valueOf(e, 'spd', 'distance', layer); if (v !== undefined) row[`s${i}`] = v; });
    return [row];
  });
  return { rows, series };
}

export function SpdDecayBars({ evals, order }: { evals: readonly EvalRecord[]; order: readonly string[] }) {
  const bars = useMemo(() => spdDecayBars(evals, order), [evals, order]);
  const step = evals.length ? evals[evals.length - 1].step : 0;
  return (
    <DiagPanel testId="diag-spd-decay" method="SPD" title={`Share of steps decayed, per layer (step ${step})`}
      lookFor="How often each layer’s gradient pointed back toward θ₀, so SPD pulled its step back. Layers with long bars are held near their pretrained weights; layers near 0 train freely.">
      {bars.length ? (
        <ResponsiveContainer width="100%" height={Math.max(140, bars.length * 16 + 44)}>
          <BarChart data={bars} layout="vertical" margin={{ ...CHART_MARGIN, left: 8 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={percentTick} tick={AXIS_TICK} />
            <YAxis type="category" dataKey="layer" width={96} tick={{ ...AXIS_TICK, fontSize: 11 }} interval={0} />
            <Tooltip formatter={(v) => formatPercent(Number(v))} />
            <Bar dataKey="value" name="steps with c < 0" fill={HUE} isAnimationActive={false} maxBarSize={14} />
          </BarChart>
        </ResponsiveContainer>
      ) : <p className="diag-panel__empty">No layer is anchored yet.</p>}
    </DiagPanel>
  );
}

export function SpdDistanceChart({ evals, totalSteps }: { evals: readonly EvalRecord[]; totalSteps: number }) {
  const { rows, series } = useMemo(() => spdDistanceSeries(evals, 3), [evals]);
  const tick = useMemo(() => { const [, hi] = finiteRange(rows.map((r) => r.total)); return rangeTickFormatter(0, hi); }, [rows]);
  return (
    <DiagPanel testId="diag-spd-distance" method="SPD" title="Distance from the pretrained weights ‖θ − θ₀‖"
      lookFor="How far the anchored weights have moved: all of them together, and the three layers that moved most. SPD slows this growth where it decays; compare with a run without SPD.">
      <ResponsiveContainer width="100%" height={DIAG_CHART_HEIGHT}>
        <LineChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={stepDomain(totalSteps)} allowDecimals={false} tick={AXIS_TICK} />
          <YAxis width={56} tick={AXIS_TICK} tickFormatter={tick} domain={[0, 'auto']} />
          <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={(x) => `step ${x}`} />
          <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Line key={s.key} dataKey={s.key} name={s.name} stroke={i === 0 ? HUE : diagSeriesColor(i)}
              strokeWidth={i === 0 ? 2.5 : 1.5} strokeDasharray={i === 0 ? undefined : '5 3'} dot={rows.length < 12} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </DiagPanel>
  );
}

export const panel: DiagnosticPanel = {
  namespace: 'spd',
  charts: ({ evals, order, totalSteps }) => (
    <>
      <SpdDecayBars evals={evals} order={order} />
      <SpdDistanceChart evals={evals} totalSteps={totalSteps} />
    </>
  ),
};
