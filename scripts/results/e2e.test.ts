/**
 * End to end: `npm run results -- --quick` on 2 methods × 2 seeds (3 grid points each, so 8 child
 * runs of the headless runner), then --resume (nothing left to run) and --report-only.
 * On the MLP (the fastest shipped model) so it stays near a minute on 2 loaded cores.
 * Slow: skip it with SKIP_SLOW_RESULTS=1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResults } from './records';
import { REPO_ROOT } from './run';

const dir = mkdtempSync(join(tmpdir(), 'results-e2e-'));
const md = join(dir, 'results.md');
const file = join(dir, 'mnist-resnet--mlp-broad.jsonl');

function results(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts/results/run.ts'), ...args, '--dir', dir, '--md', md], {
    cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' }, timeout: 300_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.env.SKIP_SLOW_RESULTS === '1')('npm run results -- --quick (slow)', () => {
  it('runs grid and seeds, writes the JSONL and the report; --resume has nothing left; --report-only rewrites it', { timeout: 300_000 }, () => {
    const run = results('--scenario', 'mnist-resnet', '--quick', '--only', 'FT,LP', '--model', 'mlp-broad', '--parallel', '2');
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/2 methods × \(3 grid points \+ 1 seed\) = 8 runs/);
    expect(run.out).toMatch(/\[8\/8\]/);
    expect(run.out).toMatch(/FT: grid done → lr \S+ \(best ID validation accuracy\); seed 1 next/);

    const { runs, sessions } = parseResults(readFileSync(file, 'utf8'));
    expect(sessions).toHaveLength(1);
    expect(sessions[0].options.quick).toBe(true);
    expect(runs).toHaveLength(8);
    expect(runs.every((r) => r.status === 'completed' && r.backend === 'wasm' && r.model === 'mlp-broad' && r.last && r.config.trainSize === 128)).toBe(true);
    for (const method of ['FT', 'LP']) {
      const mine = runs.filter((r) => r.method === method);
      const grid = mine.filter((r) => r.stage === 'grid');
      expect(grid.map((r) => r.seed)).toEqual([0, 0, 0]);
      const best = Math.max(...grid.map((r) => r.last!.valAcc));
      const chosen = Math.min(...grid.filter((r) => r.last!.valAcc === best).map((r) => r.value));
      const further = mine.filter((r) => r.stage === 'seeds');
      expect(further.map((r) => [r.seed, r.value])).toEqual([[1, chosen]]);
    }

    const report = readFileSync(md, 'utf8');
    expect(report).toContain('## mnist-resnet: mlp-broad on mnist');
    expect(report).toContain('**Quick mode**');
    expect(report).toContain('### Results (last evaluation, mean ± std over seeds)');
    expect(report).toMatch(/\| FT \| lr \S+ \| 2 \| \d+\.\d ± \d+\.\d \|/);
    expect(report).toMatch(/\| LP \| lr \S+ \| 2 \| \d+\.\d ± \d+\.\d \|/);
    expect(report).toMatch(/\| LP \| OOD mean \| 2 \| [+−±]\d+\.\d ± \d+\.\d pp \| /);
    expect(report).toContain('### Grid search');
    expect(report).toMatch(/\*\*`\S+`: \d+\.\d ✓\*\*/);
    expect(report).toMatch(/\| method \| rotation \(%\) \| gaussian-noise \(%\) \| coloured-background \(%\) \| fog \(%\) \|/);
    expect(report).toContain('### Claims');
    expect(report).toMatch(/\(a\) Kumar .*\*\*not measured\*\*/);
    expect(report).toMatch(/Machine: .*wasm/);

    const resumed = results('--scenario', 'mnist-resnet', '--quick', '--only', 'FT,LP', '--model', 'mlp-broad', '--resume');
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toContain('8 runs, 8 already in');
    expect(resumed.out).toContain('done: 0 runs');
    expect(parseResults(readFileSync(file, 'utf8')).runs).toHaveLength(8);

    rmSync(md);
    const again = results('--report-only', '--quick');
    expect(again.code, again.out).toBe(0);
    const regenerated = readFileSync(md, 'utf8');
    expect(regenerated.replace(/Command.*\n/, '')).toBe(report.replace(/Command.*\n/, ''));
  });
});
