/**
 * Chart series with a bounded number of points: when a series outgrows its budget, neighbouring
 * points are merged pairwise (mean of x and y), so the whole run stays visible at a lower
 * resolution and drawing cost stays flat however long the run.
 */
export interface Point { x: number; y: number }

export const DEFAULT_MAX_POINTS = 600;

export function appendBounded(series: Point[], points: Point[], maxPoints = DEFAULT_MAX_POINTS): Point[] {
  let out = series.concat(points);
  while (out.length > maxPoints) {
    const merged: Point[] = [];
    for (let i = 0; i + 1 < out.length; i += 2) {
      merged.push({ x: (out[i].x + out[i + 1].x) / 2, y: (out[i].y + out[i + 1].y) / 2 });
    }
    if (out.length % 2 === 1) merged.push(out[out.length - 1]);
    out = merged;
  }
  return out;
}
