/** FT-LP: the feature prior's value R over time, and the tolerance σ² it learned per tap. */
import { useMemo } from 'react';
import { FTLP_INITIAL_VARIANCE } from '../../../engine/methods/modifiers/ftlpConstants';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvalRecord } from '../../../engine/training/events';
import { finiteRange, formatValue, rangeTickFormatter } from '../../format/format';
import { AXIS_TICK, CHART_MARGIN, stepDomain } from '../axes';
import { DIAG_COLORS, diagSeriesColor } from '../palette';
import { DIAG_CHART_HEIGHT, DiagPanel } from './DiagPanel';
import { targetsOf, valueOf, type SeriesRows } from './diagnosticData';
import type { DiagnosticPanel } from './panel';

/** this method's hue in the diagnostics card */
const HUE = '#7c3aed';

export interface StepValue { step: number; value: number }

/**
 * R on the latest training batch before each evaluation. Before the first step no batch has been
 * seen and the engine reports its placeholder 0, which is not a value of R: step 0 is left out.
 */
export function ftlpRegulariserRows(evals: readonly EvalRecord[]): StepValue[] {
  return evals.flatMap((e) => { const v = valueOf(e, 'ftlp', 'regulariser'); return v === undefined || e.step < 1 ? [] : [{ step: e.step, value: v }]; });
}

/** Mean learned σ² per tap over steps, one series per tap. */
export function ftlpVarianceSeries(evals: readonly EvalRecord[]): SeriesRows {
  const taps = targetsOf(evals, 'ftlp', 'variance');
  if (!taps.length) return { rows: [], series: [] };
  const series = taps.map((tap, i) => ({ key: `s${i}`, name: tap }));
  const rows = evals.flatMap((e) => {
    const row: { step: number } & Record<string, number> = { step: e.step };
    let any = false;
    taps.forEach((tap, i) => { const v = valueOf(e, 'ftlp', 'variance', tap); if (v !== undefined) { row[`s${i}`] = v; any = true; } });
    return any ? [row] : [];
  });
  return { rows, series };
}

/** σ² every channel starts from */
export const FTLP_START_VARIANCE = FTLP_INITIAL_VARIANCE;

export function FtLpRegulariserChart({ evals, totalSteps }: { evals: readonly EvalRecord[]; totalSteps: number }) {
  const rows = useMemo(() => ftlpRegulariserRows(evals), [evals]);
  const tick = useMemo(() => rangeTickFormatter(...finiteRange(rows.map((r) => r.value))), [rows]);
  return (
    <DiagPanel testId="diag-ftlp-regulariser" method="FT-LP" title="Feature prior R (latest training batch)"
      lookFor="How far the tuned features are from the pretrained ones, in units of the learned tolerance. It can be negative (the log σ² term); what matters is whether it rises as features drift.">
      <ResponsiveContainer width="100%" height={DIAG_CHART_HEIGHT}>
        <LineChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={stepDomain(totalSteps)} allowDecimals={false} tick={AXIS_TICK} />
          <YAxis width={60} tick={AXIS_TICK} tickFormatter={tick} domain={['auto', 'auto']} />
          <Tooltip formatter={(v) => formatValue(Number(v))} labelFormatter={(x) => `step ${x}`} />
          <Line dataKey="value" name="R" stroke={HUE} strokeWidth={2.5} dot={rows.length < 12} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </DiagPanel>
  );
}

export function FtLpVarianceChart({ evals, totalSteps }: { evals: readonly EvalRecord[]; totalSteps: number }) {
  const { rows, series } = useMemo(() => ftlpVarianceSeries(evals), [evals]);
  const tick = useMemo(() => {
    const values = rows.flatMap((r) => series.map((s) => r[s.key]));
    return rangeTickFormatter(...finiteRange([...values, FTLP_START_VARIANCE]));
  }, [rows, series]);
  return (
    <DiagPanel testId="diag-ftlp-variance" method="FT-LP" title="Learned tolerance σ² per tap (mean over channels)"
      lookFor={`Every channel starts at σ² = ${FTLP_START_VARIANCE}. A tap whose σ² grows is one where the target needs its features to move; a small σ² holds them close to the pretrained features.`}>
      <ResponsiveContainer width="100%" height={DIAG_CHART_HEIGHT}>
        <LineChart data={rows} margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={stepDomain(totalSteps)} allowDecimals={false} tick={AXIS_TICK} />
          <YAxis width={68} tick={AXIS_TICK} tickFormatter={tick} domain={['auto', 'auto']} />
          <Tooltip formatter={(v) => Number(v).toPrecision(6)} labelFormatter={(x) => `step ${x}`} />
          <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          <ReferenceLine y={FTLP_START_VARIANCE} stroke={DIAG_COLORS.reference} strokeDasharray="4 4" ifOverflow="extendDomain"
            label={{ value: 'start', position: 'insideBottomRight', fill: DIAG_COLORS.reference, fontSize: 11 }} />
          {series.map((s, i) => (
            <Line key={s.key} dataKey={s.key} name={s.name} stroke={diagSeriesColor(i + 1)} strokeWidth={2}
              dot={rows.length < 12} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </DiagPanel>
  );
}

export const panel: DiagnosticPanel = {
  namespace: 'ftlp',
  charts: ({ evals, totalSteps }) => (
    <>
      <FtLpVarianceChart evals={evals} totalSteps={totalSteps} />
      <FtLpRegulariserChart evals={evals} totalSteps={totalSteps} />
    </>
  ),
};
