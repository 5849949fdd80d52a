/** See inside's page-side data: the grid images equal the engine's OOD sets; folding, extents, confusion shares. */
import { describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { loadTargetData, PIXELS_RGB, readSplit } from '../../engine/data/targetData';
import type { InsightFrame, InsightRecord } from '../../engine/metrics/insightTypes';
import { pickGridRows } from '../../engine/metrics/insight';
import {
  boundsOf, confusionAccuracy, confusionRows, gridImages, heatColour, heatText, luminance, meanMovement, movementSubset, paddedBox, pointDomains,
  withInsightFrame, withInsightRecord,
} from './insightData';

const FRAME: InsightFrame = {
  domains: ['id', 'rotation'], probeCounts: [2, 1], probeLabels: [0, 1, 1],
  pretrained: [0, 0, 1, 1, -1, 2], explained: [0.6, 0.3], gridRows: [0, 1], gridLabels: [0, 1], numClasses: 2,
};
const record = (points: number[], step = 5): InsightRecord => ({ step, points, gridPredictions: [[0, 0], [1, 1]], confusion: [[1, 0, 1, 0], [0, 1, 0, 1]] });

describe('folding See inside events', () => {
  it('keeps the frame, the latest record, and an extent that only grows', () => {
    const v0 = withInsightFrame(FRAME);
    expect(v0.latest).toBeNull();
    expect(v0.bounds).toEqual({ xMin: -1, xMax: 1, yMin: 0, yMax: 2 });
    const v1 = withInsightRecord(v0, record([3, 0, 1, 1, -1, 2]))!;
    expect(v1.latest!.step).toBe(5);
    expect(v1.bounds).toEqual({ xMin: -1, xMax: 3, yMin: 0, yMax: 2 });
    const v2 = withInsightRecord(v1, record([0, 0, 0, 0, 0, 0], 10))!;
    expect(v2.bounds).toEqual(v1.bounds);
    expect(v2.latest!.step).toBe(10);
    // a record of another shape (another run's) or without a frame is ignored
    expect(withInsightRecord(v2, record([1, 2]))).toBe(v2);
    expect(withInsightRecord(null, record([1, 2]))).toBeNull();
  });

  it('skips non-finite points (a diverged run) in the extent', () => {
    expect(boundsOf([Number.NaN, 1, 2, 3, Infinity, 0])).toEqual({ xMin: 2, xMax: 2, yMin: 3, yMax: 3 });
    expect(paddedBox(boundsOf([]))).toEqual({ x: -1, y: -1, w: 2, h: 2 });
  });

  it('knows each point\'s domain, the movement subset and the mean movement', () => {
    expect(pointDomains(FRAME)).toEqual(['id', 'id', 'rotation']);
    expect(movementSubset(FRAME, 1)).toEqual([0, 2]);
    expect(movementSubset({ ...FRAME, probeCounts: [10, 4] }, 3)).toEqual([0, 3, 6, 10, 11, 12]);
    const m = meanMovement(FRAME, [3, 4, 1, 1, -1, 0]);
    expect(m.id).toBeCloseTo(2.5, 12);
    expect(m.ood).toBeCloseTo(2, 12);
  });
});

describe('confusion shares', () => {
  it('row shares, per-class and overall accuracy', () => {
    const rows = confusionRows([3, 1, 0, 0], 2);
    expect(rows[0]).toEqual({ cells: [{ count: 3, share: 0.75 }, { count: 1, share: 0.25 }], total: 4, accuracy: 0.75 });
    expect(rows[1].total).toBe(0);
    expect(confusionAccuracy([3, 1, 2, 4], 2)).toBeCloseTo(0.7, 12);
    expect(heatColour(0, true)).toBe('#ffffff');
    expect(heatColour(1, true)).toBe('rgb(29, 78, 216)');
    expect(heatColour(0.5, false)).toBe('rgb(194, 65, 12)');
  });

  it('cell text reads at 4.5:1 or better on every shade (the issue found white on #567be2: 3.9:1)', () => {
    const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    expect(contrast(luminance('#ffffff'), luminance('#567be2'))).toBeLessThan(4);
    for (const diagonal of [true, false]) {
      for (let i = 0; i <= 200; i++) {
        const share = i / 200;
        const ratio = contrast(luminance(heatText(share, diagonal)), luminance(heatColour(share, diagonal)));
        expect(ratio, `share ${share}, ${diagonal ? 'hit' : 'mistake'}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});

describe('prediction grid images', () => {
  it('are exactly the rows of the OOD sets the engine builds for the run (same seed and severity)', async () => {
    const reader = publicDirReader();
    const shifts = ['rotation', 'gaussian-noise', 'fog'] as const;
    const data = await loadTargetData(reader, { dataset: 'mnist', trainSize: 64, evalSize: 40, probeSize: 16, shifts: [...shifts], severity: 4, shiftSeed: 11 });
    const rows = pickGridRows(data.test.labels, data.test.count, data.numClasses);
    const test = await readSplit(reader, 'mnist', 'test');
    const images = gridImages(test, rows, ['id', ...shifts], 4, 11);
    expect(images.map((i) => i.domain)).toEqual(['id', ...shifts]);
    const sets = [data.test, ...data.ood.map((o) => o.set)];
    images.forEach((img, d) => {
      rows.forEach((r, k) => {
        const expected = sets[d].pixels.subarray(r * PIXELS_RGB, (r + 1) * PIXELS_RGB);
        expect(img.pixels.subarray(k * PIXELS_RGB, (k + 1) * PIXELS_RGB)).toEqual(expected);
      });
    });
    // another seed draws other noise
    const other = gridImages(test, rows, ['gaussian-noise'], 4, 12);
    expect(other[0].pixels).not.toEqual(images[2].pixels);
  });
});
