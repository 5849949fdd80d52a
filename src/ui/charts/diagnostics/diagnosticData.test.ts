import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../engine/config/defaults';
import type { EvalRecord } from '../../../engine/training/events';
import { FTLP_INITIAL_VARIANCE } from '../../../engine/methods/modifiers/ftlp';
import { daftCheck, formatSmall } from './daft.panel';
import { diagnosticPanels, expectedPanels, otherDiagnostics, parseDiagnosticKey, targetsOf } from './diagnosticData';
import { FTLP_START_VARIANCE, ftlpRegulariserRows, ftlpVarianceSeries } from './ftlp.panel';
import { leviTapBars } from './levi.panel';
import { PANELS } from './panel';
import { spdDecayBars, spdDistanceSeries } from './spd.panel';

function record(step: number, diagnostics: Record<string, number>, over: Partial<EvalRecord> = {}): EvalRecord {
  return {
    step, phase: 'DAFT', idAcc: 0.8, valAcc: 0.8, ood: { rotation: 0.5 }, oodMean: 0.5, oodWorst: 0.5, worstShift: 'rotation',
    distortion: { id: { l2: 1, relative: 0.1, cosine: 0.99 }, ood: { l2: 2, relative: 0.2, cosine: 0.95 } },
    drift: {}, diagnostics, evalMs: 1, elapsedSec: 1, ...over,
  };
}

const combo = [
  record(3, {
    'spd.decayShare:b1_conv': 0.5, 'spd.distance:b1_conv': 0.3, 'spd.decayShare:stem.conv': 0, 'spd.distance:stem.conv': 0.4,
    'ftlp.regulariser': -1.2, 'ftlp.variance:block1': 0.1, 'ftlp.variance:block2': 0.11,
  }),
  record(6, {
    'spd.decayShare:b1_conv': 0.25, 'spd.distance:b1_conv': 0.6, 'spd.decayShare:stem.conv': 0.5, 'spd.distance:stem.conv': 0.8,
    'ftlp.regulariser': -1.1, 'ftlp.variance:block1': 0.12, 'ftlp.variance:block2': 0.09,
  }),
];

describe('panels', () => {
  it('each namespace a method spec declares has its panel file, found by the card', () => {
    expect([...PANELS.keys()].sort()).toEqual(['daft', 'ftlp', 'levi', 'spd']);
    expect(PANELS.get('daft')?.header).toBeTypeOf('function');
    for (const ns of ['spd', 'ftlp', 'levi']) expect(PANELS.get(ns)?.charts, ns).toBeTypeOf('function');
  });
});

describe('diagnostic keys', () => {
  it('splits namespace, name and target (targets may hold dots and colons)', () => {
    expect(parseDiagnosticKey('spd.decayShare:b1_conv1')).toEqual({ namespace: 'spd', name: 'decayShare', target: 'b1_conv1' });
    expect(parseDiagnosticKey('ftlp.regulariser')).toEqual({ namespace: 'ftlp', name: 'regulariser', target: null });
    expect(parseDiagnosticKey('levi.tapAccuracy:block.3:out')).toEqual({ namespace: 'levi', name: 'tapAccuracy', target: 'block.3:out' });
    expect(parseDiagnosticKey('plain')).toBeNull();
    expect(parseDiagnosticKey('.x')).toBeNull();
    expect(parseDiagnosticKey('ns.')).toBeNull();
  });

  it('finds the panels of a combination, DAFT from the run facts, in a fixed order', () => {
    expect(diagnosticPanels(combo, { 'daft.conversionMaxRelChange': 3e-7 })).toEqual(['daft', 'spd', 'ftlp']);
    expect(diagnosticPanels([record(1, { 'levi.tapAccuracy:b3': 0.7 })], {})).toEqual(['levi']);
    expect(diagnosticPanels([record(1, { 'newmethod.thing': 1, odd: 2 })], {})).toEqual(['other']);
    expect(diagnosticPanels([record(1, {})], {})).toEqual([]);
    expect(diagnosticPanels([], null)).toEqual([]);
  });

  it('knows which panels a method config will report before its first evaluation', () => {
    const m = { ...DEFAULT_CONFIG.method, kind: 'daft' as const, spd: { enabled: true, lambda: 1 }, ftlp: { enabled: true, lambda: 0.1 } };
    expect(expectedPanels(m)).toEqual(['daft', 'spd', 'ftlp']);
    expect(expectedPanels({ ...DEFAULT_CONFIG.method, kind: 'levi' })).toEqual(['levi']);
    expect(expectedPanels(DEFAULT_CONFIG.method)).toEqual([]);
  });

  it('lists targets in first-seen order', () => {
    expect(targetsOf(combo, 'ftlp', 'variance')).toEqual(['block1', 'block2']);
    expect(targetsOf(combo, 'spd', 'nothing')).toEqual([]);
  });
});

describe('DAFT check', () => {
  it('passes at float rounding level and fails above 1e-5', () => {
    expect(daftCheck({ 'daft.conversionMaxRelChange': 3.2e-7 })).toEqual({ value: 3.2e-7, ok: true, shown: '3e-7' });
    expect(daftCheck({ 'daft.conversionMaxRelChange': 0.02 })?.ok).toBe(false);
    expect(daftCheck({ 'daft.conversionMaxRelChange': Number.NaN })).toMatchObject({ ok: null, shown: 'not measured' });
    expect(daftCheck({})).toBeNull();
    expect(formatSmall(0)).toBe('0');
    expect(formatSmall(1.6e-6)).toBe('2e-6');
  });
});

describe('SPD', () => {
  it('decay bars come from the latest evaluation, in network order', () => {
    expect(spdDecayBars(combo, ['stem.conv', 'b1_conv'])).toEqual([{ layer: 'stem.conv', value: 0.5 }, { layer: 'b1_conv', value: 0.25 }]);
    expect(spdDecayBars(combo).map((b) => b.layer)).toEqual(['b1_conv', 'stem.conv']);
    expect(spdDecayBars([])).toEqual([]);
  });

  it('distance: the total over layers is the root of the summed squares; the farthest layers get their own lines', () => {
    const { rows, series } = spdDistanceSeries(combo, 1);
    expect(series).toEqual([{ key: 'total', name: 'all anchored layers' }, { key: 's0', name: 'stem.conv' }]);
    expect(rows).toHaveLength(2);
    expect(rows[1].step).toBe(6);
    expect(rows[1].total).toBeCloseTo(1, 10);
    expect(rows[0].total).toBeCloseTo(0.5, 10);
    expect(rows[1].s0).toBe(0.8);
    expect(spdDistanceSeries([record(1, {})])).toEqual({ rows: [], series: [] });
  });
});

describe('FT-LP', () => {
  it('regulariser over steps (negative values kept) and one variance series per tap', () => {
    expect(ftlpRegulariserRows(combo)).toEqual([{ step: 3, value: -1.2 }, { step: 6, value: -1.1 }]);
    const v = ftlpVarianceSeries(combo);
    expect(v.series).toEqual([{ key: 's0', name: 'block1' }, { key: 's1', name: 'block2' }]);
    expect(v.rows[1]).toEqual({ step: 6, s0: 0.12, s1: 0.09 });
  });

  it('skips non-finite values and the placeholder before the first step', () => {
    expect(ftlpRegulariserRows([record(1, { 'ftlp.regulariser': Number.NaN })])).toEqual([]);
    expect(ftlpRegulariserRows([record(0, { 'ftlp.regulariser': 0 }), record(3, { 'ftlp.regulariser': -2 })])).toEqual([{ step: 3, value: -2 }]);
  });

  it('draws the same starting σ² the engine initialises', () => {
    expect(FTLP_START_VARIANCE).toBe(FTLP_INITIAL_VARIANCE);
  });
});

describe('LEVI', () => {
  it('each tap alone, then the ensemble’s ID accuracy', () => {
    const bars = leviTapBars([record(2, { 'levi.tapAccuracy:b2': 0.6, 'levi.tapAccuracy:b3': 0.7 }, { idAcc: 0.75 })]);
    expect(bars).toEqual([
      { name: 'tap b2', accuracy: 0.6, ensemble: false },
      { name: 'tap b3', accuracy: 0.7, ensemble: false },
      { name: 'ensemble Σ z_k', accuracy: 0.75, ensemble: true },
    ]);
    expect(leviTapBars(combo)).toEqual([]);
  });
});

describe('other diagnostics', () => {
  it('lists only keys no panel draws', () => {
    expect(otherDiagnostics([record(1, { 'spd.distance:a': 1, 'newmethod.x': 2, odd: 3 })])).toEqual([
      { key: 'newmethod.x', value: 2 }, { key: 'odd', value: 3 },
    ]);
  });
});
