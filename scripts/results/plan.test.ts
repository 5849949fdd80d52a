import { describe, expect, it } from 'vitest';
import { zooLookup } from '../../src/engine/config/modelLookup';
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import type { RunSummary } from '../../src/engine/training/events';
import { jobFor, makePlan, pendingJobs, type Job, type Plan } from './plan';
import { configKey, doneKeys, latestPerKey, parseResults, runRecordFrom, type RunRecord } from './records';
import { methodByLabel, scenarioById } from './scenarios';
import { etaSeconds } from './run';

const plan: Plan = makePlan({
  scenario: scenarioById('mnist-resnet')!, methods: ['FT', 'LP'].map((l) => methodByLabel(l)!), seeds: 3, quick: true, lookup: zooLookup,
});

/** The record a finished job would append (val accuracy as given). */
function finish(job: Job, valAcc: number, status: RunRecord['status'] = 'completed'): RunRecord {
  const last = { step: 20, phase: 'FT', idAcc: 0.9, valAcc, ood: {}, oodMean: 0.5, oodWorst: 0.4, worstShift: 'fog', distortion: { id: { l2: 1, relative: 0.1, cosine: 0.9 }, ood: { l2: 1, relative: 0.1, cosine: 0.9 } }, drift: {}, diagnostics: {}, evalMs: 1, elapsedSec: 1 };
  const summary = { status, stepsDone: 20, totalSteps: 20, seconds: 5, stepsPerSec: 4, evalShare: 0.1, last, bestVal: last, backend: 'wasm', config: job.config } as unknown as RunSummary;
  return runRecordFrom({
    scenario: 'mnist-resnet', model: 'resnet-broad', method: job.spec.label, param: job.spec.param, value: job.value, seed: job.seed, stage: job.stage,
    wallSeconds: 7, session: 's', startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:00:07Z', config: job.config,
  }, status === 'failed' ? { error: 'exit 1' } : { summary });
}

const none = new Set<string>();

describe('what runs next (and --resume)', () => {
  it('starts with every grid point on seed 0, in method order', () => {
    const { ready, progress } = pendingJobs(plan, [], none, none, zooLookup);
    expect(ready.map((j) => `${j.spec.label} ${j.value} s${j.seed} ${j.stage}`)).toEqual([
      'FT 0.001 s0 grid', 'FT 0.002 s0 grid', 'FT 0.004 s0 grid', 'LP 0.003 s0 grid', 'LP 0.01 s0 grid', 'LP 0.03 s0 grid',
    ]);
    expect(progress.map((p) => p.planned)).toEqual([5, 5]); // 3 grid points + seeds 1, 2
  });
  it('repeats the chosen point on the further seeds once its grid has finished, before other grids', () => {
    const grid = pendingJobs(plan, [], none, none, zooLookup).ready.filter((j) => j.spec.label === 'FT');
    const records = [finish(grid[0], 0.9), finish(grid[1], 0.95), finish(grid[2], 0.95)];
    const { ready, progress } = pendingJobs(plan, records, none, none, zooLookup);
    expect(progress[0].chosen).toBe(2e-3); // tie with 4e-3 → the smaller value
    expect(ready.slice(0, 2).map((j) => `${j.spec.label} ${j.value} s${j.seed} ${j.stage}`)).toEqual(['FT 0.002 s1 seeds', 'FT 0.002 s2 seeds']);
    expect(ready.slice(2).every((j) => j.spec.label === 'LP' && j.stage === 'grid')).toBe(true);
    expect(progress[0].done).toBe(3);
  });
  it('waits for a running grid point before choosing', () => {
    const grid = pendingJobs(plan, [], none, none, zooLookup).ready.filter((j) => j.spec.label === 'FT');
    const records = [finish(grid[0], 0.9), finish(grid[1], 0.95)];
    const started = new Set(grid.map((j) => j.key));
    const { ready, progress } = pendingJobs(plan, records, started, new Set([grid[2].key]), zooLookup);
    expect(progress[0].chosen).toBeUndefined();
    expect(ready.some((j) => j.spec.label === 'FT')).toBe(false);
  });
  it('skips every run already in the file, whichever session wrote it', () => {
    const all: RunRecord[] = [];
    for (let i = 0; i < 10; i++) {
      const { ready } = pendingJobs(plan, all, none, none, zooLookup);
      if (!ready.length) break;
      for (const j of ready) all.push(finish(j, j.value === 2e-3 || j.value === 1e-2 ? 0.99 : 0.9));
    }
    expect(all).toHaveLength(10);
    const { ready, progress } = pendingJobs(plan, all, none, none, zooLookup);
    expect(ready).toEqual([]);
    expect(progress.map((p) => [p.done, p.chosen])).toEqual([[5, 2e-3], [5, 1e-2]]);
    // the same file read back (resume in a new process)
    const reread = parseResults(all.map((r) => JSON.stringify(r)).join('\n')).runs;
    expect(pendingJobs(plan, reread, none, none, zooLookup).ready).toEqual([]);
  });
  it('retries failed runs in a later session, not in the same one', () => {
    const grid = pendingJobs(plan, [], none, none, zooLookup).ready;
    const failed = finish(grid[0], 0, 'failed');
    expect(doneKeys([failed]).size).toBe(0);
    expect(pendingJobs(plan, [failed], none, none, zooLookup).ready.map((j) => j.key)).toContain(grid[0].key);
    expect(pendingJobs(plan, [failed], new Set([grid[0].key]), none, zooLookup).ready.map((j) => j.key)).not.toContain(grid[0].key);
  });
  it('does not repeat a diverged run (a result), and never chooses it', () => {
    const grid = pendingJobs(plan, [], none, none, zooLookup).ready.filter((j) => j.spec.label === 'FT');
    const records = [finish(grid[0], 0.9), finish(grid[1], 0.99, 'diverged'), finish(grid[2], 0.8)];
    const { ready, progress } = pendingJobs(plan, records, none, none, zooLookup);
    expect(progress[0].chosen).toBe(1e-3);
    expect(ready.filter((j) => j.spec.label === 'FT').map((j) => `${j.value} s${j.seed}`)).toEqual(['0.001 s1', '0.001 s2']);
  });
  it('a run whose settings changed is a new run', () => {
    const job = jobFor(plan, methodByLabel('FT')!, 2e-3, 0, 'grid', zooLookup);
    const changed = { ...plan, quick: false };
    expect(jobFor(changed, methodByLabel('FT')!, 2e-3, 0, 'grid', zooLookup).key).not.toBe(job.key);
  });
});

describe('records', () => {
  it('keys a config by its content, not its key order', () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_CONFIG).reverse()) as typeof DEFAULT_CONFIG;
    expect(configKey(reordered)).toBe(configKey(DEFAULT_CONFIG));
    expect(configKey({ ...DEFAULT_CONFIG, seed: 1 })).not.toBe(configKey(DEFAULT_CONFIG));
    // fields added later leave the key of a config at their default unchanged (older files still resume)
    const { targetClasses: _t, labelNoise: _n, evalTrain: _e, ...older } = DEFAULT_CONFIG;
    expect(configKey(older as typeof DEFAULT_CONFIG)).toBe(configKey(DEFAULT_CONFIG));
    expect(configKey({ ...DEFAULT_CONFIG, labelNoise: 0.2 })).not.toBe(configKey(DEFAULT_CONFIG));
  });
  it('skips unreadable lines (a run cut off mid-write) and separates sessions from runs', () => {
    const job = jobFor(plan, methodByLabel('FT')!, 2e-3, 0, 'grid', zooLookup);
    const text = [JSON.stringify({ type: 'session', id: 'x' }), JSON.stringify(finish(job, 0.9)), '{"type":"run","ke', ''].join('\n');
    const r = parseResults(text);
    expect(r.runs).toHaveLength(1);
    expect(r.sessions).toHaveLength(1);
    expect(r.skipped).toBe(1);
  });
  it('keeps one record per run: a finished one over a failed one', () => {
    const job = jobFor(plan, methodByLabel('FT')!, 2e-3, 0, 'grid', zooLookup);
    const ok = finish(job, 0.9);
    expect(latestPerKey([ok, finish(job, 0, 'failed')])).toEqual([ok]);
    expect(latestPerKey([finish(job, 0, 'failed'), ok])).toEqual([ok]);
  });
  it('does not record a stopped run', () => {
    const job = jobFor(plan, methodByLabel('FT')!, 2e-3, 0, 'grid', zooLookup);
    expect(() => finish(job, 0.9, 'stopped' as never)).toThrow();
  });
});

describe('ETA', () => {
  it('uses each method’s own mean run time, divided by the runs in parallel', () => {
    const grid = pendingJobs(plan, [], none, none, zooLookup).ready;
    const ft = finish(grid[0], 0.9);
    ft.wallSeconds = 100;
    const lp = finish(grid[3], 0.9);
    lp.wallSeconds = 10;
    const { progress } = pendingJobs(plan, [ft, lp], none, none, zooLookup);
    // FT: 4 left × 100 s, LP: 4 left × 10 s, 2 in parallel
    expect(etaSeconds(progress, [ft, lp], 2)).toBe((4 * 100 + 4 * 10) / 2);
    expect(etaSeconds(progress, [], 2)).toBeNaN();
  });
});
