import { describe, expect, it } from 'vitest';
import type { EvalRecord, RunInfo } from '../../engine/training/events';
import { accuracyRows, distortionRows, driftBars, phaseBoundaries, shiftKey } from './chartData';

function record(step: number, over: Partial<EvalRecord> = {}): EvalRecord {
  return {
    step, phase: 'FT', idAcc: 0.9, valAcc: 0.88, ood: { rotation: 0.5, fog: 0.7 }, oodMean: 0.6, oodWorst: 0.5, worstShift: 'rotation',
    distortion: { id: { l2: 1, relative: 0.1, cosine: 0.99 }, ood: { l2: 2, relative: 0.2, cosine: 0.95 } },
    drift: { b1_conv1: 0.01, stem_conv: 0.02, head: 0.5 }, diagnostics: {}, evalMs: 10, elapsedSec: 1, ...over,
  };
}

describe('chart data', () => {
  it('accuracy rows carry ID, OOD mean/worst and one column per shift', () => {
    const rows = accuracyRows([record(0), record(25, { idAcc: 0.95 })]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ step: 25, id: 0.95, oodMean: 0.6, oodWorst: 0.5 });
    expect(rows[1][shiftKey('rotation')]).toBe(0.5);
    expect(rows[1][shiftKey('fog')]).toBe(0.7);
  });

  it('a benchmark\'s held-out domain gets its own column beside the shifts', () => {
    const rows = accuracyRows([record(10, { ood: { 'domain:75°': 0.42, rotation: 0.5 }, worstShift: 'domain:75°' })]);
    expect(rows[0][shiftKey('domain:75°')]).toBe(0.42);
    expect(shiftKey('domain:75°')).toBe('ood:domain:75°');
    expect(rows[0][shiftKey('rotation')]).toBe(0.5);
  });

  it('distortion rows follow the chosen metric', () => {
    expect(distortionRows([record(3)], 'l2')).toEqual([{ step: 3, id: 1, ood: 2 }]);
    expect(distortionRows([record(3)], 'cosine')).toEqual([{ step: 3, id: 0.99, ood: 0.95 }]);
  });

  it('drift bars follow the network order, then unlisted layers', () => {
    expect(driftBars(record(1), ['stem_conv', 'b1_conv1']).map((b) => b.layer)).toEqual(['stem_conv', 'b1_conv1', 'head']);
    expect(driftBars(undefined)).toEqual([]);
  });

  it('marks phase boundaries between steps', () => {
    const info = { phases: [{ name: 'LP', steps: 10, firstStep: 1 }, { name: 'FT', steps: 20, firstStep: 11 }] } as RunInfo;
    expect(phaseBoundaries(info)).toEqual([{ step: 10.5, label: 'LP→FT' }]);
    expect(phaseBoundaries({ ...info, phases: info.phases.slice(0, 1) })).toEqual([]);
    expect(phaseBoundaries(null)).toEqual([]);
  });
});
