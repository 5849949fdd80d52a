/** The lab's chart data from sweep records: axes, selection, the four charts' rows, peaks; and a sweep's runs from its setup. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { interpolationEpoch, type SweepRecord } from '../../engine/sweep/record';
import { DEFAULT_SWEEP, type SweepPoint } from '../../engine/sweep/spec';
import { axesOf, epochShape, epochRows, finalVsK, finalVsKPerSource, fitSelection, latestByPoint, seriesPerK, seriesPerSize } from './labData';
import { sweepRuns } from './labStore';
import { parseList } from './LabSetup';

function rec(point: Partial<SweepPoint>, test: number[], train: number[] = test.map(() => 0.5)): SweepRecord {
  const p: SweepPoint = { source: 'a', k: 0, trainSize: 990, labelNoise: 0.2, ...point };
  const curve = test.map((t, epoch) => ({ epoch, testErr: t, trainErr: train[epoch], valErr: t }));
  return {
    kind: 'ftp-sweep-run', version: 1, sweep: 's', point: p, config: DEFAULT_CONFIG, trainImages: p.trainSize, testImages: 100,
    flippedLabels: Math.round(p.labelNoise * p.trainSize), curve, final: { testErr: test[test.length - 1], trainErr: train[train.length - 1] },
    interpolationEpoch: interpolationEpoch(curve), status: 'completed', seconds: 1, backend: 'wasm',
  };
}

const records = [
  rec({ k: 0 }, [0.8, 0.2, 0.3, 0.25], [0.8, 0.1, 0.01, 0]),
  rec({ k: 2 }, [0.8, 0.3, 0.3, 0.3]),
  rec({ k: 1 }, [0.8, 0.2, 0.2, 0.2]),
  rec({ k: 0, trainSize: 250 }, [0.8, 0.4, 0.4, 0.4]),
  rec({ k: 0, source: 'b' }, [0.8, 0.5, 0.5, 0.45]),
  rec({ k: 2, source: 'b' }, [0.8, 0.6, 0.6, 0.6]),
];

describe('lab chart data', () => {
  const axes = axesOf(records);
  const sel = fitSelection({}, axes);

  it('finds the values the records vary and picks the largest size and noise by default', () => {
    expect(axes).toEqual({ sources: ['a', 'b'], ks: [0, 1, 2], trainSizes: [250, 990], labelNoise: [0.2] });
    expect(sel).toEqual({ source: 'a', k: 0, trainSize: 990, labelNoise: 0.2 });
    expect(fitSelection({ source: 'zzz', trainSize: 250 }, axes)).toMatchObject({ source: 'a', trainSize: 250 });
  });

  it('(i) one series per k, in order; rows hold test and train error per epoch', () => {
    const s = seriesPerK(records, sel);
    expect(s.map((x) => x.label)).toEqual(['k = 0', 'k = 1', 'k = 2']);
    const rows = epochRows(s);
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatchObject({ epoch: 2, test0: 0.3, train0: 0.01, test1: 0.2, test2: 0.3 });
  });

  it('(ii) one series per target size', () => {
    expect(seriesPerSize(records, sel).map((x) => x.label)).toEqual(['250 images', '990 images']);
  });

  it('(iii) final test and train error and the lowest test error vs k', () => {
    expect(finalVsK(records, sel)).toEqual([
      { k: 0, test: 0.25, train: 0, minTest: 0.2 }, { k: 1, test: 0.2, train: 0.5, minTest: 0.2 }, { k: 2, test: 0.3, train: 0.5, minTest: 0.3 },
    ]);
  });

  it('(iv) final test error vs k per source, null where a source lacks a k', () => {
    expect(finalVsKPerSource(records, sel, axes.sources)).toEqual([
      { k: 0, src0: 0.25, src1: 0.45 }, { k: 1, src0: 0.2, src1: null }, { k: 2, src0: 0.3, src1: 0.6 },
    ]);
  });

  it('marks the epoch where train error first reaches ≈ 0, and reads the shape of a test-error curve', () => {
    expect(records[0].interpolationEpoch).toBe(2);
    const shape = epochShape(rec({}, [0.8, 0.1, 0.3, 0.5, 0.5, 0.3, 0.2, 0.2]), 2);
    expect(shape.lowest).toEqual({ epoch: 1, testErr: 0.1 });
    expect(shape.peak).toEqual({ epoch: 4, testErr: 0.5 });
    expect(shape.end).toBeCloseTo(0.2, 10);
  });

  it('a re-run of a point replaces the earlier record', () => {
    const again = rec({ k: 0 }, [0.9, 0.1]);
    expect(latestByPoint([...records, again]).filter((r) => r.point.k === 0 && r.point.source === 'a' && r.point.trainSize === 990)).toEqual([again]);
  });
});

describe('a sweep set up in the page', () => {
  it('becomes one valid run per point', () => {
    const r = sweepRuns({ ...DEFAULT_SWEEP, frozenBlocks: [0, 4], trainSizes: [128] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.runs.map((x) => [x.point.source, x.point.k, x.config.method.frozenBlocks])).toEqual([
      ['mlp-digits04', 0, 0], ['mlp-digits04', 4, 4], ['mlp-clothing5', 0, 0], ['mlp-clothing5', 4, 4],
    ]);
  });

  it('is refused with the field named when a value is out of range', () => {
    const r = sweepRuns({ ...DEFAULT_SWEEP, labelNoise: [0.6] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join(' ')).toMatch(/labelNoise\.0: must be ≤ 0.4/);
    const big = sweepRuns({ ...DEFAULT_SWEEP, trainSizes: [2000] });
    expect(!big.ok && big.errors.join(' ')).toMatch(/trainSize: mnist classes 5-9 has 990 training images/);
  });

  it('reads comma lists, with a scale for percentages', () => {
    expect(parseList('0, 2,4')).toEqual([0, 2, 4]);
    expect(parseList('10, 20', 0.01)).toEqual([0.1, 0.2]);
    expect(parseList('1,x')).toBeNull();
    expect(parseList(' ')).toBeNull();
  });
});
