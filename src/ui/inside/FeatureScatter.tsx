/**
 * The probe images in feature space: each point is one image's penultimate features on the two
 * principal axes of the PRETRAINED features (fitted once, so the frame never moves). Faint points
 * are where the pretrained network put them, solid points where the network puts them now; a thin
 * line joins the two for a subset, so distortion shows as movement. Equal scale on both axes.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { InsightDomain, InsightRecord } from '../../engine/metrics/insightTypes';
import { formatValue } from '../format/format';
import { domainLabel, meanMovement, movementSubset, paddedBox, pointDomains, type InsightView } from './insightData';

const W = 560;
const H = 400;
const MARGIN = { l: 30, r: 10, t: 10, b: 30 };
export const INSIDE_COLORS = { id: '#1d4ed8', ood: '#c2410c' };
/** Ten distinguishable class hues (Tableau 10), cycled beyond. */
const CLASS_HUES = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#79706e'];

type ColourBy = 'domain' | 'class';

function Marker({ x, y, domain, fill, stroke, opacity, r, className, title }: {
  x: number; y: number; domain: InsightDomain; fill: string; stroke: string; opacity: number; r: number; className: string; title?: string;
}) {
  const t = title ? <title>{title}</title> : null;
  return domain === 'id'
    ? <circle className={className} cx={x} cy={y} r={r} fill={fill} stroke={stroke} strokeWidth={0.8} opacity={opacity}>{t}</circle>
    : <rect className={className} x={x - r} y={y - r} width={2 * r} height={2 * r} fill={fill} stroke={stroke} strokeWidth={0.8} opacity={opacity}>{t}</rect>;
}

/** `shown`: the evaluation to draw (the replay's pick; default the latest); `footer`: under the plot (the replay's controls). */
export function FeatureScatter({ view, classNames, shown, footer }: {
  view: InsightView; classNames: readonly string[]; shown?: InsightRecord | null; footer?: ReactNode;
}) {
  const [colourBy, setColourBy] = useState<ColourBy>('domain');
  const [lines, setLines] = useState(true);
  const { frame, bounds } = view;
  const latest = shown === undefined ? view.latest : shown;
  const domains = useMemo(() => pointDomains(frame), [frame]);
  const subset = useMemo(() => movementSubset(frame), [frame]);
  const geometry = useMemo(() => {
    const box = paddedBox(bounds);
    const plotW = W - MARGIN.l - MARGIN.r;
    const plotH = H - MARGIN.t - MARGIN.b;
    const scale = Math.min(plotW / box.w, plotH / box.h);
    const cx = box.x + box.w / 2;
    const cy = box.y + box.h / 2;
    const px = (x: number) => MARGIN.l + plotW / 2 + (x - cx) * scale;
    const py = (y: number) => MARGIN.t + plotH / 2 - (y - cy) * scale;
    return { px, py };
  }, [bounds]);
  const { px, py } = geometry;
  const colour = (i: number) => (colourBy === 'class'
    ? CLASS_HUES[frame.probeLabels[i] % CLASS_HUES.length]
    : domains[i] === 'id' ? INSIDE_COLORS.id : INSIDE_COLORS.ood);
  const name = (c: number) => classNames[c] ?? String(c);
  const moved = latest ? meanMovement(frame, latest.points) : null;
  const n = frame.probeLabels.length;
  const ok = (v: number) => Number.isFinite(v);
  const pct = (v: number) => `${(v * 100).toFixed(0)} %`;
  const classesShown = colourBy === 'class' ? Math.min(frame.numClasses, CLASS_HUES.length) : 0;

  return (
    <figure className="inside-panel inside-scatter" data-testid="inside-scatter" aria-labelledby="inside-scatter-title">
      <figcaption className="inside-panel__head">
        <div>
          <h3 id="inside-scatter-title" className="inside-panel__title">Features of the probe images</h3>
          <p className="inside-panel__sub">
            Penultimate features on the two main axes of the <em>pretrained</em> features (a fixed frame). Faint: pretrained; solid: {latest ? `step ${latest.step}` : 'now'}.
          </p>
        </div>
        <div className="inside-panel__tools">
          <div className="segmented" role="group" aria-label="Colour points by">
            <button type="button" className="segmented__item" aria-pressed={colourBy === 'domain'} onClick={() => setColourBy('domain')}>ID / OOD</button>
            <button type="button" className="segmented__item" aria-pressed={colourBy === 'class'} onClick={() => setColourBy('class')}>Class</button>
          </div>
          <label className="check inside-check"><input type="checkbox" checked={lines} onChange={(e) => setLines(e.target.checked)} /> Movement lines</label>
        </div>
      </figcaption>
      <svg className="scatter" viewBox={`0 0 ${W} ${H}`} role="img"
        aria-label={`Scatter of ${n} probe images: pretrained and current positions${moved ? `; mean movement ID ${formatValue(moved.id)}, OOD ${formatValue(moved.ood)}` : ''}`}>
        <rect x={MARGIN.l} y={MARGIN.t} width={W - MARGIN.l - MARGIN.r} height={H - MARGIN.t - MARGIN.b} className="scatter__frame" />
        {/* the pretrained features' mean: where both axes cross */}
        {ok(px(0)) && <line className="scatter__axis" x1={px(0)} x2={px(0)} y1={MARGIN.t} y2={H - MARGIN.b} />}
        {ok(py(0)) && <line className="scatter__axis" x1={MARGIN.l} x2={W - MARGIN.r} y1={py(0)} y2={py(0)} />}
        <text className="scatter__label" x={W - MARGIN.r} y={H - 9} textAnchor="end">PC 1 · {pct(frame.explained[0])} of pretrained variance →</text>
        <text className="scatter__label" transform={`translate(${MARGIN.l - 10} ${MARGIN.t}) rotate(-90)`} textAnchor="end">PC 2 · {pct(frame.explained[1])} →</text>
        <g data-testid="scatter-pretrained">
          {Array.from({ length: n }, (_, i) => {
            const x = px(frame.pretrained[2 * i]);
            const y = py(frame.pretrained[2 * i + 1]);
            if (!ok(x) || !ok(y)) return null;
            return <Marker key={i} className="scatter__then" x={x} y={y} r={3} domain={domains[i]} fill={colour(i)} stroke="none" opacity={0.3} />;
          })}
        </g>
        {latest && lines && (
          <g data-testid="scatter-lines">
            {subset.map((i) => {
              const coords = [px(frame.pretrained[2 * i]), py(frame.pretrained[2 * i + 1]), px(latest.points[2 * i]), py(latest.points[2 * i + 1])];
              if (!coords.every(ok)) return null;
              return <line key={i} className="scatter__move" x1={coords[0]} y1={coords[1]} x2={coords[2]} y2={coords[3]} stroke={colour(i)} />;
            })}
          </g>
        )}
        {latest && (
          <g data-testid="scatter-current">
            {Array.from({ length: n }, (_, i) => {
              const x = px(latest.points[2 * i]);
              const y = py(latest.points[2 * i + 1]);
              if (!ok(x) || !ok(y)) return null;
              return (
                <Marker key={i} className="scatter__now" x={x} y={y} r={3.6} domain={domains[i]} fill={colour(i)} stroke="#ffffff" opacity={0.92}
                  title={`${domainLabel(domains[i])} · true class ${name(frame.probeLabels[i])}`} />
              );
            })}
          </g>
        )}
      </svg>
      {footer}
      <div className="scatter__legend">
        {colourBy === 'domain' ? (
          <>
            <span className="legend-item"><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" fill={INSIDE_COLORS.id} /></svg>ID (clean)</span>
            <span className="legend-item"><svg width="14" height="14" aria-hidden="true"><rect x="2" y="2" width="10" height="10" fill={INSIDE_COLORS.ood} /></svg>OOD ({frame.domains.length - 1} shift{frame.domains.length === 2 ? '' : 's'})</span>
          </>
        ) : (
          <>
            {Array.from({ length: classesShown }, (_, c) => (
              <span key={c} className="legend-item"><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill={CLASS_HUES[c]} /></svg>{name(c)}</span>
            ))}
            <span className="legend-item legend-item--muted">● ID · ■ OOD</span>
          </>
        )}
        <span className="legend-item legend-item--muted"><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="5" fill="#64748b" opacity="0.25" /></svg>pretrained</span>
      </div>
      {moved && (
        <p className="scatter__moved" data-testid="scatter-moved">
          Mean movement in this view since pretraining: <strong className="scatter__moved-id">ID {formatValue(moved.id)}</strong> · <strong className="scatter__moved-ood">OOD {formatValue(moved.ood)}</strong>
          <span className="muted"> (projected; the distortion chart has the full-dimensional distance)</span>
        </p>
      )}
    </figure>
  );
}
