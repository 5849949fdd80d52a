/** LEVI: what each view contributes — every tap's adapter alone, next to the summed ensemble. */
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvalRecord } from '../../../engine/training/events';
import { formatPercent } from '../../format/format';
import { AXIS_TICK, CHART_MARGIN, percentTick } from '../axes';
import { DIAG_COLORS } from '../palette';
import { DiagPanel } from './DiagPanel';
import { latestWith, targetsOf, valueOf } from './diagnosticData';
import type { DiagnosticPanel } from './panel';

/** this method's hue in the diagnostics card */
const HUE = '#b45309';

export interface TapBar { name: string; accuracy: number; ensemble: boolean }

/** Each tap's own accuracy (z_k alone) at the latest evaluation, then the ensemble's ID accuracy on the same images. */
export function leviTapBars(evals: readonly EvalRecord[]): TapBar[] {
  const latest = latestWith(evals, 'levi');
  if (!latest) return [];
  const taps = targetsOf([latest], 'levi', 'tapAccuracy')
    .flatMap((tap) => { const v = valueOf(latest, 'levi', 'tapAccuracy', tap); return v === undefined ? [] : [{ name: `tap ${tap}`, accuracy: v, ensemble: false }]; });
  return taps.length ? [...taps, { name: 'ensemble Σ z_k', accuracy: latest.idAcc, ensemble: true }] : [];
}

export function LeviTapBars({ evals }: { evals: readonly EvalRecord[] }) {
  const bars = useMemo(() => leviTapBars(evals), [evals]);
  const step = evals.length ? evals[evals.length - 1].step : 0;
  return (
    <DiagPanel testId="diag-levi-taps" method="LEVI" title={`ID accuracy of each view alone vs the ensemble (step ${step})`}
      lookFor="Each bar is one tap’s adapter z_k on its own (frozen block features plus the small model’s); the last is their sum, the model LEVI predicts with. The ensemble can beat every single view when the views make different mistakes.">
      <ResponsiveContainer width="100%" height={Math.max(120, bars.length * 30 + 40)}>
        <BarChart data={bars} layout="vertical" margin={{ ...CHART_MARGIN, left: 8, right: 52 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={percentTick} tick={AXIS_TICK} />
          <YAxis type="category" dataKey="name" width={120} tick={{ ...AXIS_TICK, fontSize: 12 }} interval={0} />
          <Tooltip formatter={(v) => formatPercent(Number(v))} />
          <Bar dataKey="accuracy" name="ID accuracy" isAnimationActive={false} maxBarSize={20}>
            {bars.map((b) => <Cell key={b.name} fill={b.ensemble ? DIAG_COLORS.ensemble : HUE} />)}
            <LabelList dataKey="accuracy" position="right" formatter={(v: unknown) => formatPercent(Number(v))} style={{ fontSize: 12, fill: '#334155' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </DiagPanel>
  );
}

export const panel: DiagnosticPanel = {
  namespace: 'levi',
  charts: ({ evals }) => (
    <>
      <LeviTapBars evals={evals} />
    </>
  ),
};
