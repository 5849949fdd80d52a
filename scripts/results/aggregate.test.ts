import { describe, expect, it } from 'vitest';
import {
  CLAIMS, evaluateClaim, matrixWallSeconds, pairedAgainstReference, pairedCompare, partOutcome, selectGridPoint, summarizeMethod, verdictOf,
} from './aggregate';
import { fakeRun } from './fixtures';
import { renderReport } from './report';
import { methodByLabel } from './scenarios';

const FT = methodByLabel('FT')!; // grid 1e-3, 2e-3, 4e-3

describe('grid selection', () => {
  it('chooses by ID validation accuracy of the last evaluation, never by OOD', () => {
    const runs = [
      fakeRun({ method: 'FT', value: 1e-3, seed: 0, valAcc: 0.91, oodMean: 0.99 }),
      fakeRun({ method: 'FT', value: 2e-3, seed: 0, valAcc: 0.95, oodMean: 0.1 }),
      fakeRun({ method: 'FT', value: 4e-3, seed: 0, valAcc: 0.93, oodMean: 0.99, idAcc: 0.99 }),
    ];
    const g = selectGridPoint(FT.grid, runs);
    expect(g.chosen).toBe(2e-3);
    expect(g.complete).toBe(true);
    expect(g.points.map((p) => p.valAcc)).toEqual([0.91, 0.95, 0.93]);
  });
  it('breaks ties toward the smaller value, whatever the order of the records', () => {
    const runs = [
      fakeRun({ method: 'FT', value: 4e-3, seed: 0, valAcc: 0.95 }),
      fakeRun({ method: 'FT', value: 2e-3, seed: 0, valAcc: 0.95 }),
      fakeRun({ method: 'FT', value: 1e-3, seed: 0, valAcc: 0.9 }),
    ];
    expect(selectGridPoint(FT.grid, runs).chosen).toBe(2e-3);
    expect(selectGridPoint(FT.grid, [...runs].reverse()).chosen).toBe(2e-3);
  });
  it('reads only seed 0, and never picks a diverged or failed point', () => {
    const runs = [
      fakeRun({ method: 'FT', value: 1e-3, seed: 0, valAcc: 0.8 }),
      fakeRun({ method: 'FT', value: 2e-3, seed: 0, valAcc: 0.99, status: 'diverged' }),
      fakeRun({ method: 'FT', value: 4e-3, seed: 0, status: 'failed' }),
      fakeRun({ method: 'FT', value: 4e-3, seed: 1, valAcc: 1 }),
    ];
    const g = selectGridPoint(FT.grid, runs);
    expect(g.chosen).toBe(1e-3);
    expect(g.complete).toBe(false); // the failed point has to be rerun
  });
  it('uses the last evaluation, not the best one', () => {
    const a = fakeRun({ method: 'FT', value: 1e-3, seed: 0, valAcc: 0.9 });
    a.bestVal!.valAcc = 0.99;
    const b = fakeRun({ method: 'FT', value: 2e-3, seed: 0, valAcc: 0.92 });
    expect(selectGridPoint(FT.grid, [a, b]).chosen).toBe(2e-3);
  });
  it('has no choice before any point has finished', () => {
    const g = selectGridPoint(FT.grid, []);
    expect(g.chosen).toBeUndefined();
    expect(g.points).toHaveLength(3);
  });
});

/** FT: grid on seed 0 chooses 2e-3; seeds 0–4 at 2e-3 with known numbers. */
function ftRuns(id = [0.9, 0.92, 0.91, 0.95, 0.93], ood = [0.6, 0.62, 0.65, 0.61, 0.63]) {
  return [
    fakeRun({ method: 'FT', value: 1e-3, seed: 0, valAcc: 0.5, idAcc: 0.1 }),
    fakeRun({ method: 'FT', value: 4e-3, seed: 0, valAcc: 0.6, idAcc: 0.1 }),
    ...id.map((x, seed) => fakeRun({ method: 'FT', value: 2e-3, seed, valAcc: 0.9, idAcc: x, oodMean: ood[seed], oodWorst: ood[seed] - 0.2, distId: 3 + seed * 0.1, distOod: 2.5 })),
  ];
}

describe('per-method summary', () => {
  it('is mean ± std (n − 1) over the seeds of the chosen point only', () => {
    const r = summarizeMethod(FT, ftRuns());
    expect(r.grid.chosen).toBe(2e-3);
    expect(r.seeds).toEqual([0, 1, 2, 3, 4]);
    expect(r.last.idAcc.mean).toBeCloseTo(0.922, 12);
    expect(r.last.idAcc.std).toBeCloseTo(0.019235384061671353, 12); // numpy std(ddof=1)
    expect(r.last.idAcc.n).toBe(5);
    expect(r.last.distId.mean).toBeCloseTo(3.2, 12);
    expect(r.last.seconds.mean).toBe(10);
    expect(r.perShift.rotation!.mean).toBeCloseTo(0.422, 12);
  });
  it('keeps diverged and failed seeds out of the means and counts them', () => {
    const runs = [...ftRuns(), fakeRun({ method: 'FT', value: 2e-3, seed: 5, status: 'diverged', idAcc: 0 }), fakeRun({ method: 'FT', value: 2e-3, seed: 6, status: 'failed' })];
    const r = summarizeMethod(FT, runs);
    expect(r.runs).toHaveLength(5);
    expect(r.diverged.map((x) => x.seed)).toEqual([5]);
    expect(r.failed.map((x) => x.seed)).toEqual([6]);
  });
  it('takes the newest record of a seed run twice, and ignores other methods', () => {
    const runs = [
      ...ftRuns(),
      fakeRun({ method: 'FT', value: 2e-3, seed: 1, idAcc: 0.5, key: 'changed-settings', finishedAt: '2030-01-01T00:00:00.000Z' }),
      fakeRun({ method: 'LP', value: 1e-2, seed: 0, idAcc: 0.1 }),
    ];
    const r = summarizeMethod(FT, runs);
    expect(r.runs.find((x) => x.seed === 1)!.last!.idAcc).toBe(0.5);
    expect(r.runs).toHaveLength(5);
  });
  it('reports the best-validation evaluation separately', () => {
    const runs = [0, 1].map((seed) => fakeRun({ method: 'FT', value: 1e-3, seed, idAcc: 0.9, bestId: 0.95 }));
    const r = summarizeMethod(FT, runs);
    expect(r.last.idAcc.mean).toBeCloseTo(0.9, 12);
    expect(r.bestVal.idAcc.mean).toBeCloseTo(0.95, 12);
  });
});

describe('paired comparison with FT', () => {
  const spd = (id: number[]) => id.map((x, seed) => fakeRun({ method: 'SPD', value: 1, seed, valAcc: 0.9, idAcc: x }));
  it('differences per seed, paired t-test as scipy.stats.ttest_rel', () => {
    // SPD − FT per seed: [0.91-0.89, 0.93-0.90, 0.90-0.91, 0.95-0.92, 0.92-0.88]; ttest_rel → t 2.5574480523640233, p 0.06280761100070123
    const ft = summarizeMethod(FT, ftRuns([0.89, 0.9, 0.91, 0.92, 0.88]));
    const s = summarizeMethod(methodByLabel('SPD')!, spd([0.91, 0.93, 0.9, 0.95, 0.92]));
    const p = pairedCompare(s, ft, 'idAcc');
    expect(p.seeds).toEqual([0, 1, 2, 3, 4]);
    expect(p.meanDiff).toBeCloseTo(0.022, 12);
    expect(p.sdDiff).toBeCloseTo(0.01923538406167135, 12);
    expect(p.t).toBeCloseTo(2.5574480523640233, 10);
    expect(p.p).toBeCloseTo(0.06280761100070123, 10);
    expect(p.verdict).toBe('no clear difference');
  });
  it('pairs only the seeds both methods finished', () => {
    const ft = summarizeMethod(FT, ftRuns([3, 4, 5, 6, 7].map((x) => x / 10)));
    const s = summarizeMethod(methodByLabel('SPD')!, [4, 6, 8].map((x, seed) => fakeRun({ method: 'SPD', value: 1, seed: seed * 2, valAcc: 0.9, idAcc: x / 10 })));
    // seeds 0, 2, 4: SPD 0.4, 0.6, 0.8 vs FT 0.3, 0.5, 0.7 → d = 0.1 each → p = 0
    const p = pairedCompare(s, ft, 'idAcc');
    expect(p.seeds).toEqual([0, 2, 4]);
    expect(p.meanDiff).toBeCloseTo(0.1, 12);
    expect(p.p).toBe(0);
    expect(p.verdict).toBe('better beyond seed noise (p < 0.05)');
  });
  it('says better / worse / no clear difference in the metric’s good direction', () => {
    expect(verdictOf({ meanDiff: 0.02, p: 0.01 })).toBe('better beyond seed noise (p < 0.05)');
    expect(verdictOf({ meanDiff: -0.02, p: 0.01 })).toBe('worse beyond seed noise (p < 0.05)');
    expect(verdictOf({ meanDiff: 0.02, p: 0.05 })).toBe('no clear difference');
    expect(verdictOf({ meanDiff: -0.3, p: 0.001 }, false)).toBe('better beyond seed noise (p < 0.05)'); // less distortion
    expect(verdictOf({ meanDiff: 0.1, p: Number.NaN })).toBe('too few seeds to test');
  });
  it('compares every method with FT on ID, OOD mean and OOD worst', () => {
    const results = [summarizeMethod(FT, ftRuns()), summarizeMethod(methodByLabel('SPD')!, spd([0.9, 0.9, 0.9, 0.9, 0.9]))];
    const paired = pairedAgainstReference(results);
    expect(paired.map((p) => `${p.a}:${p.metric}`)).toEqual(['SPD:idAcc', 'SPD:oodMean', 'SPD:oodWorst']);
  });
});

describe('claims', () => {
  const seeds = [0, 1, 2, 3, 4];
  const method = (label: string, value: number, f: (seed: number) => Partial<Parameters<typeof fakeRun>[0]>) =>
    summarizeMethod(methodByLabel(label)!, seeds.map((seed) => fakeRun({ method: label, value, seed, valAcc: 0.9, ...f(seed) })));
  const noise = (seed: number) => [0.01, -0.02, 0.015, 0, -0.005][seed];
  const ft = method('FT', 2e-3, (s) => ({ idAcc: 0.95 + noise(s), oodMean: 0.6 + noise(s), distId: 5 + noise(s), distOod: 4 + noise(s) }));
  const claimA = CLAIMS.find((c) => c.id === 'a')!;

  it('reproduces when every comparison goes the claimed way beyond seed noise', () => {
    const lpft = method('LP-FT', 1e-4, (s) => ({ idAcc: 0.95, oodMean: 0.7 + noise(s) / 2, distId: 2 + noise(s) / 3, distOod: 1.5 }));
    const r = evaluateClaim(claimA, [ft, lpft]);
    expect(r.parts.map((p) => p.outcome)).toEqual(['supported', 'supported', 'supported']);
    expect(r.verdict).toBe('reproduces');
  });
  it('partly when only some comparisons hold; does not reproduce when none does', () => {
    const lessOod = method('LP-FT', 1e-4, (s) => ({ oodMean: 0.5 + noise(s) / 2, distId: 2 + noise(s) / 3, distOod: 1.5 }));
    const partly = evaluateClaim(claimA, [ft, lessOod]);
    expect(partly.parts.map((p) => p.outcome)).toEqual(['supported', 'supported', 'contradicted']);
    expect(partly.verdict).toBe('partly');
    const same = method('LP-FT', 1e-4, (s) => ({ oodMean: 0.6 - noise(s), distId: 5 - noise(s), distOod: 4 - noise(s) }));
    expect(evaluateClaim(claimA, [ft, same]).verdict).toBe('does not reproduce');
  });
  it('is not applicable when the model cannot run the method, not measured without seeds', () => {
    const daft = CLAIMS.find((c) => c.id === 'b')!;
    const r = evaluateClaim(daft, [ft], new Map([['DAFT', 'no BatchNorm']]));
    expect(r.verdict).toBe('not applicable');
    expect(r.reason).toContain('no BatchNorm');
    expect(evaluateClaim(daft, [ft]).verdict).toBe('not measured');
  });
  it('reads a part by its expected direction', () => {
    expect(partOutcome({ a: 'DAFT', b: 'FT', metric: 'distOod', expect: 'lower' }, { meanDiff: -1, p: 0.01 })).toBe('supported');
    expect(partOutcome({ a: 'DAFT', b: 'FT', metric: 'distOod', expect: 'lower' }, { meanDiff: 1, p: 0.01 })).toBe('contradicted');
    expect(partOutcome({ a: 'DAFT', b: 'FT', metric: 'distOod', expect: 'lower' }, { meanDiff: -1, p: 0.2 })).toBe('inconclusive');
  });
});

describe('matrix wall time', () => {
  it('sums each session from its start to its last finished run', () => {
    const a = fakeRun({ method: 'FT', value: 1e-3, seed: 0, session: 'x', finishedAt: '2025-01-01T00:10:00.000Z' });
    const b = fakeRun({ method: 'FT', value: 2e-3, seed: 0, session: 'x', finishedAt: '2025-01-01T00:20:00.000Z' });
    const c = fakeRun({ method: 'FT', value: 4e-3, seed: 0, session: 'y', finishedAt: '2025-01-02T01:05:00.000Z' });
    const sessions = [{ id: 'x', startedAt: '2025-01-01T00:00:00.000Z' }, { id: 'y', startedAt: '2025-01-02T01:00:00.000Z' }];
    expect(matrixWallSeconds([a, b, c], sessions)).toBe(20 * 60 + 5 * 60);
  });
});

describe('report', () => {
  it('renders every table and the claims from records alone', () => {
    const runs = [...ftRuns(), ...[0, 1, 2, 3, 4].map((seed) => fakeRun({ method: 'LP-FT', value: 1e-4, seed, idAcc: 0.96, oodMean: 0.7 + seed / 1000, distId: 1 }))];
    const md = renderReport([{ file: 'runs/results/mnist-resnet.jsonl', runs, sessions: [] }], new Date('2025-02-03T00:00:00Z'));
    expect(md).toContain('## mnist-resnet: resnet-broad on mnist');
    expect(md).toContain('| method | chosen | seeds | ID acc (%) | OOD mean (%) | OOD worst (%) | distortion ID (ℓ2) | distortion OOD (ℓ2) | run time (s) |');
    expect(md).toContain('| FT | lr 2e-3 | 5 | 92.2 ± 1.9 |');
    expect(md).toContain('| LP-FT | ID acc | 5 | +3.8 ± 1.9 pp |');
    expect(md).toContain('**`2e-3`: 90.0 ✓**');
    expect(md).toContain('| method | rotation (%) | fog (%) |');
    expect(md).toMatch(/\(a\) Kumar et al\., ICLR 2022 \(LP-FT\)\*\* — .*: \*\*(reproduces|partly|does not reproduce)\*\*/);
    expect(md).toContain('Seeds: 0–4');
  });
  it('names the methods a model cannot run, and their claims as not applicable', () => {
    const session = {
      type: 'session' as const, version: 1, id: 's1', scenario: 'mnist-vit', model: 'vit-broad', startedAt: '2025-01-01T00:00:00.000Z',
      command: 'npm run results -- --scenario mnist-vit', options: { seeds: 5, parallel: 2, quick: false, only: null, resume: false, backend: 'wasm' },
      plan: { methods: [{ label: 'FT', param: 'lr' as const, grid: [1e-3, 2e-3, 4e-3] }], skipped: [{ method: 'DAFT', reason: 'vit-broad has no BatchNorm' }, { method: 'DAFT+SPD', reason: 'vit-broad has no BatchNorm' }] },
      host: { os: 'Linux', cpus: 2, cpuModel: 'cpu', memGiB: 8, node: 'v20' },
    };
    const md = renderReport([{ file: 'runs/results/mnist-vit.jsonl', runs: ftRuns().map((r) => ({ ...r, scenario: 'mnist-vit', model: 'vit-broad' })), sessions: [session] }]);
    expect(md).toContain('## mnist-vit: vit-broad on mnist');
    expect(md).toContain('Not run on this model: DAFT (vit-broad has no BatchNorm); DAFT+SPD (vit-broad has no BatchNorm)');
    expect(md).toMatch(/\(b\) Ha et al\., AAAI 2024 \(DAFT\)\*\* — .*: \*\*not applicable\*\*\. DAFT does not run on this model/);
    expect(md).toMatch(/\(a\) Kumar .*\*\*not measured\*\*\. Fewer than 2 finished seeds of LP-FT/);
    expect(md).toContain('Command: `npm run results -- --scenario mnist-vit`');
    expect(md).toContain('Machine: Linux, 2 × cpu, 8 GiB, Node v20 · TF.js backend wasm · 2 run(s) in parallel');
  });
});
