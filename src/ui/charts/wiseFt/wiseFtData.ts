/**
 * The WiSE-FT panel's logic: when it may be shown, the α grid it asks for, and the ID–OOD curve
 * it draws. Pure, so it is unit-tested.
 */
import type { MethodKind } from '../../../engine/config/schema';
import { wiseFtConflict } from '../../../engine/methods/compatibility';
import type { WiseFtPoint } from '../../../engine/training/wiseFt';
import type { RunViewStatus } from '../../store/runView';

/** α = 0, 0.1, …, 1 (i/10 is the double nearest each decimal, so labels print as "0.3", not "0.30000000000000004"). */
export const WISE_FT_ALPHAS: readonly number[] = Array.from({ length: 11 }, (_, i) => i / 10);

export type WiseFtAvailability =
  | { show: false }
  | { show: true; allowed: false; reason: string }
  | { show: true; allowed: true };

/**
 * Shown once the run's weights hold still: paused, or over with its network still in the worker.
 * A failed run has no network to mix; a diverged one has non-finite weights.
 */
export function wiseFtAvailability(status: RunViewStatus | undefined, kind: MethodKind | undefined): WiseFtAvailability {
  if (!status || !kind || !['paused', 'completed', 'stopped', 'diverged'].includes(status)) return { show: false };
  const conflict = wiseFtConflict(kind);
  if (conflict) return { show: true, allowed: false, reason: conflict };
  if (status === 'diverged') return { show: true, allowed: false, reason: 'the run diverged: its fine-tuned weights are not finite, so there is nothing meaningful to mix' };
  return { show: true, allowed: true };
}

export interface CurvePoint {
  alpha: number;
  /** ID accuracy (x) */
  x: number;
  /** OOD mean accuracy (y) */
  y: number;
  label: string;
}

export function formatAlpha(alpha: number): string {
  return String(Math.round(alpha * 1000) / 1000);
}

/** One point per α, in α order (the order the line connects them), labelled "α=0.3". */
export function wiseFtCurve(points: readonly WiseFtPoint[]): CurvePoint[] {
  return [...points]
    .filter((p) => Number.isFinite(p.idAcc) && Number.isFinite(p.oodMean))
    .sort((a, b) => a.alpha - b.alpha)
    .map((p) => ({ alpha: p.alpha, x: p.idAcc, y: p.oodMean, label: `α=${formatAlpha(p.alpha)}` }));
}

export interface AccuracyAxis { domain: [number, number]; ticks: number[] }

/**
 * An accuracy axis around the values: some room for labels, inside [0, 1], at least `minSpan` wide
 * (eleven nearly equal accuracies would otherwise fill the chart with noise), with ticks on round
 * percentages (every 5, 10 or 25 points, by the span).
 */
export function accuracyAxis(values: readonly number[], minSpan = 0.1, pad = 0.02): AccuracyAxis {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return { domain: [0, 1], ticks: [0, 0.25, 0.5, 0.75, 1] };
  let lo = Math.min(...finite) - pad;
  let hi = Math.max(...finite) + pad;
  if (hi - lo < minSpan) { const mid = (lo + hi) / 2; lo = mid - minSpan / 2; hi = mid + minSpan / 2; }
  if (lo < 0) { hi -= lo; lo = 0; }
  if (hi > 1) { lo -= hi - 1; hi = 1; }
  const span = hi - lo;
  const step = span <= 0.3 ? 0.05 : span <= 0.6 ? 0.1 : 0.25;
  // whole percents, snapped outward to the tick grid; the epsilon keeps float noise (0.55000000001) from adding a tick
  const grid = Math.round(step * 100);
  const loPct = Math.max(0, Math.floor(lo * 100 / grid + 1e-9) * grid);
  const hiPct = Math.min(100, Math.ceil(hi * 100 / grid - 1e-9) * grid);
  const ticks: number[] = [];
  for (let p = loPct; p <= hiPct; p += grid) ticks.push(p / 100);
  return { domain: [loPct / 100, hiPct / 100], ticks };
}

/** "0–0.5" for α grid neighbours, "0.1, 0.9" otherwise. */
export function alphaGroupText(alphas: readonly number[], grid: readonly number[] = WISE_FT_ALPHAS): string {
  const sorted = [...alphas].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const a of sorted) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    const adjacent = prev !== undefined && grid.indexOf(a) >= 0 && grid.indexOf(a) === grid.indexOf(prev) + 1;
    if (adjacent) last.push(a); else runs.push([a]);
  }
  return runs.map((r) => (r.length > 2 ? `${formatAlpha(r[0])}–${formatAlpha(r[r.length - 1])}` : r.map(formatAlpha).join(', '))).join(', ');
}

export interface LabelledPoint extends CurvePoint {
  /** the text drawn beside this point; null when it is drawn beside a neighbour it overlaps */
  tag: string | null;
  /** where the tag goes relative to the point, chosen so tags do not overlap or leave the plot */
  side: 'left' | 'right';
  vertical: 'above' | 'below';
}

interface Box { x0: number; x1: number; y0: number; y1: number }
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Tags that do not sit on top of each other, on a plot of about `plot` pixels: points closer than
 * `radius` pixels share one tag ("0–0.5", drawn at the group's smallest α); each tag goes above-right,
 * above-left, below-right or below-left of its point, the first of those that overlaps no tag placed
 * before it and stays inside the plot (above-right when none is free).
 */
export function labelCurve(
  curve: readonly CurvePoint[], xDomain: [number, number], yDomain: [number, number],
  plot = { width: 560, height: 240 }, radius = 12,
): LabelledPoint[] {
  const px = (p: CurvePoint) => ({
    x: ((p.x - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * plot.width,
    y: ((p.y - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * plot.height,
  });
  const groups: CurvePoint[][] = [];
  for (const p of curve) {
    const at = px(p);
    const near = groups.find((g) => g.some((q) => { const b = px(q); return Math.hypot(at.x - b.x, at.y - b.y) < radius; }));
    if (near) near.push(p); else groups.push([p]);
  }
  const placed: Box[] = [];
  const tags = new Map<number, Pick<LabelledPoint, 'tag' | 'side' | 'vertical'>>();
  for (const g of groups) {
    const tag = alphaGroupText(g.map((p) => p.alpha));
    const a = px(g[0]);
    const w = tag.length * 7 + 2;
    const h = 12;
    const boxFor = (side: 'left' | 'right', vertical: 'above' | 'below'): Box => {
      const x0 = side === 'right' ? a.x + 8 : a.x - 8 - w;
      const y0 = vertical === 'above' ? a.y + 4 : a.y - 4 - h;
      return { x0, x1: x0 + w, y0, y1: y0 + h };
    };
    const options = (['right', 'left'] as const).flatMap((side) => (['above', 'below'] as const).map((vertical) => ({ side, vertical })));
    const inside = (b: Box) => b.x0 >= -40 && b.x1 <= plot.width + 30 && b.y0 >= -10 && b.y1 <= plot.height + 14;
    const free = options.find((o) => { const b = boxFor(o.side, o.vertical); return inside(b) && !placed.some((q) => overlaps(b, q)); })
      ?? options.find((o) => inside(boxFor(o.side, o.vertical))) ?? options[0];
    placed.push(boxFor(free.side, free.vertical));
    tags.set(g[0].alpha, { tag, ...free });
  }
  return curve.map((p) => tags.get(p.alpha) ?? { tag: null, side: 'right' as const, vertical: 'above' as const })
    .map((t, i) => ({ ...curve[i], ...t }));
}

/** The point whose α is nearest `alpha` (the slider may sit between the computed ones). */
export function pointNearest<T extends { alpha: number }>(points: readonly T[], alpha: number): T | undefined {
  let best: T | undefined;
  for (const p of points) if (!best || Math.abs(p.alpha - alpha) < Math.abs(best.alpha - alpha)) best = p;
  return best;
}
