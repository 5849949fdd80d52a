/**
 * WiSE-FT on a paused or finished run: ask the worker for the weight mixtures α = 0, 0.1, …, 1,
 * draw them as a curve in the ID–OOD plane, and read one mixture's numbers off a slider.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { WiseFtPoint } from '../../../engine/training/wiseFt';
import { SHIFTS } from '../../../engine/shifts/registry';
import { formatClock, formatLearningRate, formatPercent, formatValue } from '../../format/format';
import { Formula } from '../../math/Formula';
import { WISE_FT_INFO } from '../../methods/methodInfo';
import { RunMethodLabel } from '../../methods/RunMethodLabel';
import { References } from '../../methods/TechniqueDetails';
import { usePlayground } from '../../store/StoreContext';
import { AXIS_TICK, percentTick } from '../axes';
import { useChartNames } from '../useChartNames';
import { COLORS } from '../palette';
import { accuracyAxis, formatAlpha, labelCurve, pointNearest, WISE_FT_ALPHAS, wiseFtAvailability, wiseFtCurve, type CurvePoint, type LabelledPoint } from './wiseFtData';

const DEFAULT_ALPHA = 0.5;

interface ShapeProps { cx?: number; cy?: number; payload?: LabelledPoint }

/** Each α's point, labelled with its α (data-testid lets tests count what was drawn). */
function CurveDot({ cx, cy, payload }: ShapeProps) {
  if (cx === undefined || cy === undefined || !payload) return null;
  return (
    <g data-testid="wise-ft-point" data-alpha={payload.alpha}>
      <circle cx={cx} cy={cy} r={4.5} fill="#fff" stroke={COLORS.oodMean} strokeWidth={2} />
      {payload.tag !== null && (
        <text x={payload.side === 'left' ? cx - 8 : cx + 8} y={payload.vertical === 'above' ? cy - 6 : cy + 15} fontSize={11.5} fill="#334155"
          textAnchor={payload.side === 'left' ? 'end' : 'start'}>{payload.tag}</text>
      )}
    </g>
  );
}

function SelectedDot({ cx, cy }: ShapeProps) {
  if (cx === undefined || cy === undefined) return null;
  return (
    <g data-testid="wise-ft-selected">
      <circle cx={cx} cy={cy} r={11} fill={COLORS.id} fillOpacity={0.15} />
      <circle cx={cx} cy={cy} r={6} fill={COLORS.id} stroke="#fff" strokeWidth={2} />
    </g>
  );
}

function CurveTooltip({ active, payload }: Partial<TooltipContentProps<number, string>>) {
  const p = active ? (payload?.[0]?.payload as CurvePoint | undefined) : undefined;
  if (!p) return null;
  return (
    <div className="chart-tooltip">
      <strong>α = {formatAlpha(p.alpha)}</strong><br />ID {formatPercent(p.x)} · OOD mean {formatPercent(p.y)}
    </div>
  );
}

function Readout({ point }: { point: WiseFtPoint }) {
  const worst = useMemo(() => {
    let id: string | undefined;
    for (const [shift, acc] of Object.entries(point.ood)) if (acc !== undefined && acc === point.oodWorst) id = shift;
    return id ? SHIFTS[id as keyof typeof SHIFTS]?.label ?? id : undefined;
  }, [point]);
  return (
    <dl className="wise-readout" aria-live="polite">
      <div className="wise-readout__item wise-readout__item--id"><dt>ID accuracy</dt><dd data-testid="wise-ft-id">{formatPercent(point.idAcc)}</dd></div>
      <div className="wise-readout__item wise-readout__item--ood"><dt>OOD mean</dt><dd data-testid="wise-ft-ood-mean">{formatPercent(point.oodMean)}</dd></div>
      <div className="wise-readout__item wise-readout__item--worst">
        <dt>OOD worst</dt><dd data-testid="wise-ft-ood-worst">{formatPercent(point.oodWorst)}</dd>
        {worst && <span className="wise-readout__note">{worst}</span>}
      </div>
      <div className="wise-readout__item">
        <dt>Distortion ‖Δf‖</dt>
        <dd data-testid="wise-ft-distortion">{formatValue(point.distortion.id.l2)} <span className="wise-readout__sep">ID</span></dd>
        <span className="wise-readout__note">{formatValue(point.distortion.ood.l2)} on OOD probes</span>
      </div>
    </dl>
  );
}

function Curve({ points }: { points: WiseFtPoint[] }) {
  const { curve, xAxis, yAxis } = useMemo(() => {
    const raw = wiseFtCurve(points);
    const x = accuracyAxis(raw.map((c) => c.x));
    const y = accuracyAxis(raw.map((c) => c.y));
    return { curve: labelCurve(raw, x.domain, y.domain), xAxis: x, yAxis: y };
  }, [points]);
  const sorted = useMemo(() => [...points].sort((a, b) => a.alpha - b.alpha), [points]);
  const [index, setIndex] = useState(() => Math.max(0, sorted.indexOf(pointNearest(sorted, DEFAULT_ALPHA)!)));
  const chosen = sorted[Math.min(index, sorted.length - 1)];
  const selected = curve.filter((c) => c.alpha === chosen?.alpha);
  const chord = curve.length >= 2
    ? [{ x: curve[0].x, y: curve[0].y }, { x: curve[curve.length - 1].x, y: curve[curve.length - 1].y }] as const
    : null;
  if (!chosen) return <p className="muted">The worker returned no points.</p>;
  return (
    <div className="wise-curve">
      <div className="wise-curve__chart" data-testid="wise-ft-chart">
        <ResponsiveContainer width="100%" height={300}>
          <ScatterChart margin={{ top: 16, right: 36, bottom: 24, left: 18 }}>
            <CartesianGrid stroke={COLORS.grid} strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" name="ID accuracy" domain={xAxis.domain} ticks={xAxis.ticks} tickFormatter={percentTick} tick={AXIS_TICK}
              label={{ value: 'ID accuracy →', position: 'insideBottom', offset: -14, fontSize: 12, fill: COLORS.axis }} />
            <YAxis type="number" dataKey="y" name="OOD mean accuracy" domain={yAxis.domain} ticks={yAxis.ticks} tickFormatter={percentTick} tick={AXIS_TICK} width={44}
              label={{ value: 'OOD mean accuracy →', angle: -90, position: 'left', offset: 6, fontSize: 12, fill: COLORS.axis, style: { textAnchor: 'middle' } }} />
            <Tooltip content={<CurveTooltip />} cursor={{ strokeDasharray: '3 3' }} />
            {chord && (
              <ReferenceLine segment={chord} stroke={COLORS.phase} strokeDasharray="5 4" ifOverflow="visible" />
            )}
            <Scatter data={curve} name="WiSE-FT" line={{ stroke: COLORS.oodMean, strokeWidth: 2 }} shape={<CurveDot />} isAnimationActive={false} />
            <Scatter data={selected} name="chosen α" shape={<SelectedDot />} isAnimationActive={false} legendType="none" />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <div className="wise-curve__side">
        <div className="field wise-slider">
          <label htmlFor="wise-ft-alpha" className="field__label">
            Mixing α <output htmlFor="wise-ft-alpha" className="range-value" data-testid="wise-ft-alpha">{formatAlpha(chosen.alpha)}</output>
          </label>
          <input id="wise-ft-alpha" type="range" min={0} max={sorted.length - 1} step={1} value={index}
            aria-label="WiSE-FT mixing α" aria-valuetext={`α = ${formatAlpha(chosen.alpha)}`}
            onChange={(e) => setIndex(Number(e.target.value))} />
          <div className="wise-slider__ends"><span>0: pretrained + probe</span><span>1: fine-tuned</span></div>
        </div>
        <Readout point={chosen} />
      </div>
    </div>
  );
}

function useElapsed(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return undefined;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [since]);
  return since === null ? 0 : Math.max(0, (now - since) / 1000);
}

export function WiseFtPanel() {
  const status = usePlayground((s) => s.run?.status);
  const method = usePlayground((s) => s.run?.config.method);
  const wiseFt = usePlayground((s) => s.run?.wiseFt);
  const step = usePlayground((s) => s.run?.progress.step ?? 0);
  const evalSize = usePlayground((s) => s.run?.config.evalSize ?? 0);
  const shiftCount = usePlayground((s) => s.run?.config.shifts.length ?? 0);
  const request = usePlayground((s) => s.requestWiseFt);
  const elapsed = useElapsed(wiseFt?.state === 'running' ? wiseFt.startedAt : null);
  const availability = wiseFtAvailability(status, method?.kind);
  const frame = useRef<HTMLElement>(null);
  useChartNames(frame, 'WiSE-FT: accuracy as the weights mix from pretrained to fine-tuned');
  if (!availability.show || !method || !wiseFt) return null;

  const running = wiseFt.state === 'running';
  const stale = wiseFt.state !== 'idle' && !running && wiseFt.step !== step;
  const showButton = availability.allowed && (wiseFt.state !== 'done' || stale);
  return (
    <section ref={frame} className="card wise" data-testid="wise-ft" data-state={availability.allowed ? wiseFt.state : 'unavailable'} aria-labelledby="wise-heading">
      <header className="wise__head">
        <div>
          <h2 id="wise-heading" className="card__title">WiSE-FT: mix pretrained and fine-tuned weights</h2>
          {availability.allowed ? (
            <p className="card__subtitle">
              For this <RunMethodLabel method={method} /> run{status === 'paused' ? ` (paused at step ${step})` : ''}: every weight is
              interpolated between the pretrained network θ₀, given a linear-probe head so both ends can classify, and the fine-tuned one θ_ft.
            </p>
          ) : (
            <p className="card__subtitle">
              WiSE-FT interpolates every weight between the pretrained network θ₀, given a linear-probe head so both ends can classify,
              and the fine-tuned one θ_ft.
            </p>
          )}
        </div>
        <div className="wise__formula"><Formula lines={WISE_FT_INFO.formula} label="WiSE-FT formula" /></div>
      </header>

      {!availability.allowed && (
        <p className="wise__unavailable" data-testid="wise-ft-unavailable"><strong>Not available for this run:</strong> {availability.reason}.</p>
      )}

      {showButton && (
        <div className="wise__actions">
          <button type="button" className="btn btn--primary" disabled={running} onClick={() => request([...WISE_FT_ALPHAS])}>Compute WiSE-FT curve</button>
          <span className="muted">
            {stale ? `The curve below was computed at step ${wiseFt.step}; the run has trained to step ${step} since.`
              : `Evaluates ${WISE_FT_ALPHAS.length} mixtures, α = 0, 0.1, …, 1, on the run’s ID and OOD test images.`}
          </span>
        </div>
      )}

      {running && (
        <p className="wise__progress" data-testid="wise-ft-progress" role="status">
          <span className="spinner" aria-hidden="true" />
          Fitting θ₀’s linear-probe head ({method.lpSteps} steps at learning rate {formatLearningRate(method.lpLr)}, the LP-FT probe
          settings), then evaluating {wiseFt.alphas.length} mixtures on {evalSize} ID images
          and {evalSize} × {shiftCount} shifted ones…
          {/* the ticking clock stays out of the live region, or screen readers would read it every second */}
          <span className="wise__elapsed" aria-hidden="true">{formatClock(elapsed)} elapsed</span>
        </p>
      )}

      {wiseFt.state === 'failed' && (
        <p className="wise__error" role="alert" data-testid="wise-ft-error">WiSE-FT failed: {wiseFt.error}</p>
      )}

      {wiseFt.state === 'done' && (
        <>
          <Curve key={wiseFt.points.map((p) => p.alpha).join()} points={wiseFt.points} />
          <p className="muted wise__note">
            One point per α, joined in α order (α = 0: pretrained + probe head; α = 1: fine-tuned). What to look for: points above the
            dashed line between the two ends, where a mixture keeps more OOD accuracy, for its ID accuracy, than the straight
            trade-off between the ends. Computed in {formatClock(wiseFt.seconds)} at step {wiseFt.step}.
          </p>
        </>
      )}
      <References refs={WISE_FT_INFO.references} />
    </section>
  );
}
