import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../engine/config/schema';
import { applyEvent, newRunView, type RunView } from '../store/runView';
import {
  backboneFrozen, bandKey, bandRows, countKey, formatDuration, formatStatPercent, formatStatSeconds, formatStatValue, groupKey, groupRuns,
  interpolateAt, meanKey, resultRows, stat,
} from './compare';
import { curvesCsv, resultsCsv } from './csv';
import { sharedSettings } from './sharedSettings';
import { BASE, runEvents } from './testRuns';

const lp: RunConfig = { ...BASE, method: { ...BASE.method, kind: 'lp' }, lr: 1e-2 };
function run(id: string, config: RunConfig, offset: number, opts: Parameters<typeof runEvents>[2] = {}): RunView {
  return runEvents(config, offset, opts).reduce(applyEvent, newRunView(id, config));
}

describe('mean ± std over seeds', () => {
  it('uses the sample std and ignores non-finite values', () => {
    const s = stat([0.9, 0.8, Number.NaN, 0.7]);
    expect(s.n).toBe(3);
    expect(s.mean).toBeCloseTo(0.8, 12);
    expect(s.std).toBeCloseTo(0.1, 12);
    expect([s.min, s.max]).toEqual([0.7, 0.9]);
    expect(stat([0.5]).std).toBeNaN();
    expect(stat([]).n).toBe(0);
  });

  it('formats percentages and values with their spread, a single value without', () => {
    expect(formatStatPercent(stat([0.9, 0.8, 0.7]))).toBe('80.0 ± 10.0 %');
    expect(formatStatPercent(stat([0.973]))).toBe('97.3 %');
    expect(formatStatPercent(stat([]))).toBe('–');
    expect(formatStatValue(stat([2.4, 2.6]))).toBe('2.50 ± 0.14');
    expect(formatStatValue(stat([0.0123]))).toBe('0.0123');
    expect(formatStatValue(stat([1e-6, 2e-6]))).toBe('1.5e-6 ± 7.1e-7');
  });
});

describe('issue 14, problem 9: honest cells', () => {
  it('says 0 (frozen) where the backbone cannot move, not its float noise', () => {
    expect(formatStatValue(stat([4.09e-6, 4.11e-6]))).toBe('4.1e-6 ± 1.4e-8');
    expect(formatStatValue(stat([4.09e-6, 4.11e-6]), true)).toBe('0 (frozen)');
    expect(formatStatValue(stat([]), true)).toBe('–');
    expect(backboneFrozen(lp)).toBe(true);
    expect(backboneFrozen(BASE)).toBe(false);
    // mlp-broad has 3 blocks: k = 3 freezes all of them, k = 2 does not
    expect(backboneFrozen({ ...BASE, method: { ...BASE.method, kind: 'frozen-k', frozenBlocks: 3 } })).toBe(true);
    expect(backboneFrozen({ ...BASE, method: { ...BASE.method, kind: 'frozen-k', frozenBlocks: 2 } })).toBe(false);
    const rows = resultRows(groupRuns([run('a', BASE, 0), run('b', lp, 0)]), BASE, 'last');
    expect(rows.map((r) => r.frozen)).toEqual([false, true]);
  });

  it('formats durations in one unit family, the spread only where it shows', () => {
    expect(formatDuration(4.23)).toBe('4.2 s');
    expect(formatDuration(28)).toBe('28 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatStatSeconds(stat([28, 28]))).toBe('28 s');
    expect(formatStatSeconds(stat([28.2, 27.9]))).toBe('28 s');
    expect(formatStatSeconds(stat([170, 200]))).toBe('3 min 05 s ± 21 s');
    expect(formatStatSeconds(stat([4, 5]))).toBe('4.5 s ± 0.7 s');
    expect(formatStatSeconds(stat([]))).toBe('–');
  });

  it('keeps each run’s numbers by seed, for paired tests', () => {
    const rows = resultRows(groupRuns([run('a', BASE, 0), run('c', { ...BASE, seed: 1 }, 0.1)]), BASE, 'last');
    expect([...rows[0].perSeed.keys()]).toEqual([0, 1]);
    expect(rows[0].perSeed.get(1)!.idAcc).toBeCloseTo(0.8, 12);
    expect(rows[0].perSeed.get(1)!.seconds).toBeCloseTo(11, 12);
  });

  it('states the settings every run shares and names those that differ', () => {
    const s = sharedSettings([BASE, { ...BASE, seed: 1 }, { ...lp, seed: 0 }]);
    expect(s.shared).toContain('model mlp-broad');
    expect(s.shared).toContain('64 training images');
    expect(s.shared).toContain('batch 16');
    expect(s.shared).toContain('6 steps');
    expect(s.differ).toEqual(['method', 'learning rate']);
    expect(s.seeds).toBe('seeds 0, 1');
    expect(sharedSettings([]).shared).toEqual([]);
  });

  it('writes the paired tests against the baseline into the table’s CSV', () => {
    const runs = [0, 1, 2].flatMap((seed) => [run(`f${seed}`, { ...BASE, seed }, 0.1 * seed), run(`l${seed}`, { ...lp, seed }, 0.1 * seed - 0.1 - 0.01 * seed)]);
    const rows = resultRows(groupRuns(runs), BASE, 'last');
    const [head, ft, lpLine] = resultsCsv(rows, 'last', 'l2', rows[1]).trim().split('\r\n').map((l) => l.split(','));
    const col = (name: string) => head.indexOf(name);
    expect(ft[col('baseline')]).toBe('LP · lr 0.01');
    expect(ft[col('paired_seeds')]).toBe('3');
    // FT − LP per seed: 0.10, 0.11, 0.12
    expect(Number(ft[col('id_accuracy_diff_vs_baseline')])).toBeCloseTo(0.11, 6);
    expect(Number(ft[col('id_accuracy_paired_t_p')])).toBeLessThan(0.01);
    expect(lpLine[col('paired_seeds')]).toBe('');
  });

  it('writes every run’s per-step curves in long form', () => {
    const lines = curvesCsv([{ label: 'FT', runs: [run('a', BASE, 0)] }, { label: '=LP', runs: [run('b', { ...lp, seed: 3 }, 0.1)] }], 'l2').trim().split('\r\n');
    expect(lines[0]).toBe('setting,seed,step,metric,value');
    expect(lines).toContain('FT,0,1,loss,2.3');
    expect(lines).toContain('FT,0,6,id_accuracy,0.7');
    expect(lines).toContain(`"'=LP",3,6,ood_worst_accuracy,0.4`);
    // the diverged loss point (NaN) is left out, not written as an empty value
    expect(lines.filter((l) => l.startsWith('FT,0,5,loss'))).toEqual([]);
  });
});

describe('grouping runs by config minus seed', () => {
  it('puts seeds of one setting together, in order of first appearance, whatever the key order', () => {
    const { seed: _seed, ...rest } = BASE;
    const reordered = JSON.parse(JSON.stringify({ seed: 1, ...Object.fromEntries(Object.entries(rest).reverse()) })) as RunConfig;
    expect(groupKey(reordered)).toBe(groupKey({ ...BASE, seed: 7 }));
    const groups = groupRuns([run('a', BASE, 0), run('b', lp, 0), run('c', { ...BASE, seed: 1 }, 0.1), run('d', { ...lp, seed: 1 }, 0.1)]);
    expect(groups.map((g) => g.runs.map((r) => r.id))).toEqual([['a', 'c'], ['b', 'd']]);
  });

  it('summarises each group under the chosen selection rule, counting only completed runs', () => {
    const runs = [
      run('a', BASE, 0), run('b', lp, 0), run('c', { ...BASE, seed: 1 }, 0.1), run('d', { ...lp, seed: 1 }, 0.1),
      run('e', { ...lp, seed: 2 }, 0.2, { status: 'diverged' }),
      { ...run('f', { ...BASE, seed: 2 }, 0, { finish: false }), status: 'training' as const },
    ];
    const rows = resultRows(groupRuns(runs), BASE, 'last');
    expect(rows.map((r) => r.label)).toEqual(['FT (current settings)', 'LP · lr 0.01']);
    const [ft, lpRow] = rows;
    expect(ft.seeds).toEqual([0, 1]);
    expect(ft.pending).toBe(1);
    expect(lpRow.excluded).toEqual(['1 diverged']);
    // last evaluation: id 0.7 + offset
    expect(ft.idAcc.mean).toBeCloseTo(0.75, 12);
    expect(ft.idAcc.std).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(ft.distortionOod.mean).toBeCloseTo(1.2, 12);
    expect(ft.seconds.mean).toBeCloseTo(10.5, 12);
    // best ID validation picks the step-3 evaluation
    const best = resultRows(groupRuns(runs), BASE, 'bestVal');
    expect(best[0].idAcc.mean).toBeCloseTo(0.65, 12);
    expect(best[0].distortionId.mean).toBeCloseTo(0.3, 12);
  });

  it('writes the table as CSV with the rule on each row and formula-looking text defused', () => {
    const rows = resultRows(groupRuns([run('a', BASE, 0), run('c', { ...BASE, seed: 1 }, 0.1)]), BASE, 'last');
    rows[0].label = '=HYPERLINK("x")';
    const csv = resultsCsv(rows, 'last', 'l2').split('\r\n');
    expect(csv[0]).toMatch(/^method,selection_rule,n_seeds,seeds,id_accuracy_mean,id_accuracy_std,/);
    expect(csv[1]).toMatch(/^"'=HYPERLINK\(""x""\)",last step,2,0 1,0\.75,0\.0707107,/);
  });
});

describe('bands across seeds', () => {
  it('interpolates a series between its points and not beyond', () => {
    const s = [{ x: 0, y: 0 }, { x: 10, y: 1 }];
    expect(interpolateAt(s, 5)).toBeCloseTo(0.5);
    expect(interpolateAt(s, 10)).toBe(1);
    expect(interpolateAt(s, 11)).toBeUndefined();
  });

  it('gives each group a mean line and a min–max or mean ± std band at every x', () => {
    const g0 = [[{ x: 0, y: 1 }, { x: 2, y: 3 }], [{ x: 0, y: 3 }, { x: 2, y: 5 }]];
    const g1 = [[{ x: 1, y: 10 }, { x: 3, y: 10 }]];
    const rows = bandRows([g0, g1], 'minmax');
    expect(rows.map((r) => r.x)).toEqual([0, 1, 2, 3]);
    expect(rows[1][meanKey(0)]).toBe(3);
    expect(rows[1][bandKey(0)]).toEqual([2, 4]);
    expect(rows[1][countKey(0)]).toBe(2);
    // one run draws a line without a band; outside its range a group has nothing
    expect(rows[1][meanKey(1)]).toBe(10);
    expect(rows[1][bandKey(1)]).toBeUndefined();
    expect(rows[0][meanKey(1)]).toBeUndefined();
    expect(rows[3][meanKey(0)]).toBeUndefined();
    const std = bandRows([g0], 'std');
    const [lo, hi] = std[0][bandKey(0)] as [number, number];
    expect(lo).toBeCloseTo(2 - Math.SQRT2, 12);
    expect(hi).toBeCloseTo(2 + Math.SQRT2, 12);
  });

  it('skips non-finite points (a diverged loss)', () => {
    const rows = bandRows([[[{ x: 0, y: Number.NaN }, { x: 1, y: 1 }]]], 'minmax');
    expect(rows).toEqual([{ x: 1, [meanKey(0)]: 1, [countKey(0)]: 1 }]);
  });
});
