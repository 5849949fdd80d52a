/**
 * See inside, as the page folds and draws it: the run's fixed PCA frame with the latest points,
 * the scatter's extent (it only grows, so earlier positions stay comparable), the prediction
 * grid's images (recomputed here exactly as the engine built the OOD sets) and confusion shares.
 * Pure (no DOM, no TF.js), so it is unit-tested.
 */
import type { ImageSet } from '../../engine/data/binaryFormat';
import { greyToRgb } from '../../engine/data/colour';
import type { InsightDomain, InsightFrame, InsightRecord } from '../../engine/metrics/insightTypes';
import { oodLabel } from '../../engine/data/oodId';
import { applyShiftToSet } from '../../engine/shifts/registry';
import { RGB_IMAGE_BYTES, type Severity, type ShiftId } from '../../engine/shifts/types';

export interface Bounds { xMin: number; xMax: number; yMin: number; yMax: number }

export interface InsightView {
  frame: InsightFrame;
  /** the latest evaluation's record (null until the first evaluation) */
  latest: InsightRecord | null;
  /** every evaluation's record so far, in order (the scatter's replay) */
  records: InsightRecord[];
  /** extent of the pretrained points and of every evaluation's points so far */
  bounds: Bounds;
}

export function boundsOf(points: readonly number[], start?: Bounds): Bounds {
  let { xMin, xMax, yMin, yMax } = start ?? { xMin: Infinity, xMax: -Infinity, yMin: Infinity, yMax: -Infinity };
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  return { xMin, xMax, yMin, yMax };
}

export function withInsightFrame(frame: InsightFrame): InsightView {
  return { frame, latest: null, records: [], bounds: boundsOf(frame.pretrained) };
}

export function withInsightRecord(view: InsightView | null, record: InsightRecord): InsightView | null {
  if (!view || record.points.length !== view.frame.pretrained.length) return view;
  return { ...view, latest: record, records: [...view.records, record], bounds: boundsOf(record.points, view.bounds) };
}

/** Which domain each probe point belongs to, in point order. */
export function pointDomains(frame: InsightFrame): InsightDomain[] {
  return frame.domains.flatMap((d, k) => Array.from({ length: frame.probeCounts[k] ?? 0 }, () => d));
}

/** Square-ish padded view box around `bounds`: [x0, y0, width, height] in data units (never empty). */
export function paddedBox(b: Bounds, pad = 0.06): { x: number; y: number; w: number; h: number } {
  if (!Number.isFinite(b.xMin)) return { x: -1, y: -1, w: 2, h: 2 };
  const w = Math.max(b.xMax - b.xMin, 1e-6);
  const h = Math.max(b.yMax - b.yMin, 1e-6);
  return { x: b.xMin - w * pad, y: b.yMin - h * pad, w: w * (1 + 2 * pad), h: h * (1 + 2 * pad) };
}

/**
 * Every `every`-th point index per domain (at most `perDomain` each): the points whose movement
 * is drawn as a line pretrained → now. Spread over domains so each one shows its distortion.
 */
export function movementSubset(frame: InsightFrame, perDomain = 12): number[] {
  const out: number[] = [];
  let start = 0;
  for (const count of frame.probeCounts) {
    const step = Math.max(1, Math.floor(count / perDomain));
    for (let i = 0, taken = 0; i < count && taken < perDomain; i += step, taken++) out.push(start + i);
    start += count;
  }
  return out;
}

/** Mean distance moved in the frame, ID and OOD probes separately (PCA units). */
export function meanMovement(frame: InsightFrame, points: readonly number[]): { id: number; ood: number } {
  const domains = pointDomains(frame);
  const sum = { id: 0, ood: 0 };
  const count = { id: 0, ood: 0 };
  domains.forEach((d, i) => {
    const key = d === 'id' ? 'id' : 'ood';
    const dx = points[2 * i] - frame.pretrained[2 * i];
    const dy = points[2 * i + 1] - frame.pretrained[2 * i + 1];
    sum[key] += Math.hypot(dx, dy);
    count[key]++;
  });
  return { id: count.id ? sum.id / count.id : 0, ood: count.ood ? sum.ood / count.ood : 0 };
}

export function domainLabel(domain: InsightDomain): string {
  return domain === 'id' ? 'Clean (ID)' : oodLabel(domain);
}

/** The test images of `rows` as packed RGB, from the first `rows` of the split (as the engine's toRgbSet). */
export function rowsRgb(set: ImageSet, rows: readonly number[]): Uint8Array {
  const perImage = set.height * set.width * set.channels;
  const raw = new Uint8Array(rows.length * perImage);
  rows.forEach((r, k) => raw.set(set.pixels.subarray(r * perImage, (r + 1) * perImage), k * perImage));
  if (set.channels === 3) return raw;
  if (set.channels === 1) return greyToRgb(raw, rows.length, perImage);
  throw new Error(`See inside: ${set.channels} channels not supported`);
}

/**
 * The grid's images per domain, exactly as the run saw them: the shifts draw each image's noise
 * from a stream named by its row, so shifting the first max(rows)+1 test rows with the run's seed
 * and severity reproduces those rows of the engine's OOD sets (targetData.ts).
 */
export function gridImages(
  set: ImageSet, rows: readonly number[], domains: readonly InsightDomain[], severity: number, seed: number,
): { domain: InsightDomain; pixels: Uint8Array }[] {
  const prefix = rows.length ? Math.max(...rows) + 1 : 0;
  const all = Array.from({ length: prefix }, (_, i) => i);
  const clean = rowsRgb(set, all);
  const pick = (pixels: Uint8Array) => {
    const out = new Uint8Array(rows.length * RGB_IMAGE_BYTES);
    rows.forEach((r, k) => out.set(pixels.subarray(r * RGB_IMAGE_BYTES, (r + 1) * RGB_IMAGE_BYTES), k * RGB_IMAGE_BYTES));
    return out;
  };
  return domains.map((domain) => ({
    domain,
    pixels: pick(domain === 'id' ? clean : applyShiftToSet(clean, prefix, domain as ShiftId, severity as Severity, seed)),
  }));
}

export interface ConfusionCell { count: number; share: number }

/** Rows of C×C counts with each cell's share of its row (true class), and each row's accuracy. */
export function confusionRows(counts: readonly number[], numClasses: number): { cells: ConfusionCell[]; total: number; accuracy: number }[] {
  return Array.from({ length: numClasses }, (_, r) => {
    const row = counts.slice(r * numClasses, (r + 1) * numClasses);
    const total = row.reduce((a, b) => a + b, 0);
    return {
      cells: row.map((count) => ({ count, share: total ? count / total : 0 })),
      total,
      accuracy: total ? row[r] / total : 0,
    };
  });
}

/** Accuracy over all cells of a confusion matrix. */
export function confusionAccuracy(counts: readonly number[], numClasses: number): number {
  let hit = 0;
  let all = 0;
  counts.forEach((c, i) => { all += c; if (i % numClasses === Math.floor(i / numClasses)) hit += c; });
  return all ? hit / all : 0;
}

/** Heat colour of a confusion cell: blue for hits, orange-red for mistakes, stronger for a larger share of the row. */
export function heatColour(share: number, diagonal: boolean): string {
  if (share <= 0) return '#ffffff';
  const s = Math.min(1, Math.max(0, share));
  // from white to the full colour; mistakes saturate at half a row so rare confusions still show
  const t = diagonal ? s : Math.min(1, s * 2);
  const [r, g, b] = diagonal ? [29, 78, 216] : [194, 65, 12];
  const mix = (c: number) => Math.round(255 + (c - 255) * (0.12 + 0.88 * t));
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

/** Readable text on a heat cell. */
export function heatText(share: number, diagonal: boolean): string {
  // black or white, whichever reads better: one of the two always reaches 4.5:1 (WCAG AA)
  const bg = luminance(heatColour(share, diagonal));
  return (1.05 / (bg + 0.05)) >= ((bg + 0.05) / 0.05) ? '#ffffff' : '#000000';
}

/** WCAG relative luminance of an rgb(r, g, b) or #rrggbb colour. */
export function luminance(colour: string): number {
  const parts = colour.startsWith('#') ? [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) : colour.match(/\d+/g)!.slice(0, 3).map(Number);
  const [r, g, b] = parts.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
