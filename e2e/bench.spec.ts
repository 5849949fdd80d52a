/**
 * The bench's browser part end to end on a tiny configuration (`npm run bench -- --quick`'s
 * browser sizes): every browser figure comes out with a value. Budgets are not checked here (a
 * tiny run on a software adapter says nothing about them); `npm run bench` reports them.
 * Uses the built page in dist/ (the e2e runner builds it) and builds the bench harness itself.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { runBrowserSuite } from '../scripts/bench/browser';
import { measureBundle } from '../scripts/bench/bundle';
import { buildFigures } from '../scripts/bench/figures';
import { serveBuilds, type Served } from '../scripts/bench/serve';
import { browserSizes } from '../scripts/bench/suites';

let harnessDir = '';
let served: Served | null = null;

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  harnessDir = mkdtempSync(join(os.tmpdir(), 'ftp-bench-harness-'));
  const build = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--outDir', harnessDir, '--emptyOutDir'], { encoding: 'utf8' });
  expect(build.status, build.stderr.slice(-2000)).toBe(0);
  served = await serveBuilds('dist', harnessDir);
});

test.afterAll(async () => {
  await served?.close();
  if (harnessDir) rmSync(harnessDir, { recursive: true, force: true });
});

test('the bench produces every browser figure (tiny configuration)', async ({ context }) => {
  // a tiny run still compiles WebGPU kernels in a few fresh workers: minutes on a software adapter
  test.setTimeout(10 * 60_000);
  const sizes = browserSizes('quick');
  const browser = await runBrowserSuite({ context, baseUrl: served!.url, sizes, log: (m) => console.log(m) });
  const figures = buildFigures({ browser, bundle: measureBundle('dist') });
  const ids = figures.map((f) => f.id);
  const expected = [
    'engine-vs-bare:webgpu', 'eval-share:webgpu', 'gpu-bytes:one-worker', 'gpu-bytes:worker-per-run', 'long-tasks',
    'eval-share:page', 'default-run:page',
    'chart:raw', 'chart:bounded', 'bundle',
    ...sizes.backends.flatMap((b) => sizes.speed.models.map((m) => `speed:${browser.backends!.find((x) => x.requested === b)!.selected}:${m}`)),
    ...sizes.speed.models.map((m) => `gflops:webgpu:${m}`),
  ];
  expect(ids).toEqual(expect.arrayContaining(expected));
  for (const f of figures) expect(f.value, `${f.id}: ${f.note}`).not.toBeNull();
  expect(browser.backends!.map((b) => b.requested)).toEqual(sizes.backends);
  expect(browser.adapter, 'a WebGPU adapter on the page').not.toBeNull();
  expect(browser.longTasks!.stepsAtEnd).toBeGreaterThanOrEqual(browser.longTasks!.stepsAtStart);
  // the real page's run, on the backend the page picks here (a software adapter: wasm), to its end
  expect(browser.defaultRun!.status).toBe('completed');
  expect(browser.defaultRun!.backend).toBe('wasm');
  // every evaluation in the exported run; the screen, polled, may skip those this short run replaces quickly
  expect(browser.defaultRun!.evaluations).toBe(3);
  expect(browser.defaultRun!.evals.at(-1)?.step).toBe(6);
  expect(browser.defaultRun!.evalShare).toBeGreaterThan(0);
});
