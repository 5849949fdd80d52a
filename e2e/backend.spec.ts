/**
 * The backend for the hardware, said plainly (issue 12): on this machine (a software WebGPU adapter,
 * SwiftShader) the built page picks wasm with SIMD and says why, with its thread count (TF.js runs
 * threads on half the cores: one here, two when the worker is told of four); a link can pin a
 * backend, a bad `backend=` is reported and ignored; Measure backends times every backend and the
 * winner is remembered across a reload; the page and its workers (TF.js's wasm threads included)
 * run under the CSP, cross-origin isolated, with no violation; and wasm in the browser trains like
 * wasm in Node. Real Chromium, real workers, real TF.js.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { publicDirReader } from '../scripts/node/fileAssets';
import { useNodeBackend } from '../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../src/engine/config/defaults';
import type { RunConfig } from '../src/engine/config/schema';
import { runTraining } from '../src/engine/training/run';
import type { SmokeResult } from './harness/smokeWorker';
import { collectForeignRequests, collectPageErrors, expectBackend, expectStatus, openPage, tinyConfig } from './support/page';
import { patchTrainingWorker } from './support/trainingWorker';

const badge = (page: Page) => page.getByTestId('backend-badge');
const reason = (page: Page) => page.getByTestId('backend-reason');

/** Console errors and CSP violations of the page and of every worker it starts (worker consoles reach the page's). */
async function watchCsp(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation on the page: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return problems;
}

test('this machine gets wasm (SIMD, its thread count) named with the software adapter; everything runs isolated under the CSP', async ({ page, baseURL }) => {
  test.setTimeout(3 * 60_000);
  const problems = await watchCsp(page);
  const errors = collectPageErrors(page);
  const foreign = collectForeignRequests(page, baseURL!);
  // the training worker reports CSP violations in its own scope (the page's listener cannot see them)
  await patchTrainingWorker(page, `self.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation in the worker: ' + e.violatedDirective + ' ' + e.blockedURI));`);
  const responses: { url: string; headers: Record<string, string> }[] = [];
  page.on('response', (r) => responses.push({ url: r.url(), headers: r.headers() }));
  // the wasm thread workers are started by the training worker: seen as workers, not as page responses
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));

  await page.goto('/');
  await expect(badge(page)).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
  await expect(badge(page)).toHaveAttribute('data-chosen-by', 'auto');
  await expect(badge(page)).toHaveClass(/badge--ok/);
  const text = (await reason(page).textContent())!;
  console.log(`backend reason: ${text}`);
  const [, threads] = text.match(/^software WebGPU adapter \(google swiftshader\): using wasm, (\d+) threads?( \(TF\.js uses half of the \d cores?\))?, SIMD$/) ?? [];
  expect(threads, `reason "${text}"`).toBeDefined();
  await expect(reason(page)).toBeVisible();

  // threads: the page is cross-origin isolated, and TF.js runs threads on half the cores (1 on a 2-core machine)
  const { isolated, cores } = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
  expect(isolated, 'the page is cross-origin isolated').toBe(true);
  expect(Number(threads)).toBe(Math.max(1, Math.min(8, Math.floor(cores / 2))));

  // a tiny run trains on wasm to the end
  await tinyConfig(page, { model: 'resnet-broad', steps: 3 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, ['completed'], 120_000);
  await expect(page.getByTestId('run-summary')).toContainText('backend wasm');

  // the workers: the training worker and TF.js's wasm thread workers, all scripts of our own origin
  const paths = workers.map((u) => new URL(u));
  expect(paths.every((u) => u.origin === new URL(baseURL!).origin), workers.join(', ')).toBe(true);
  expect(paths.filter((u) => /^\/assets\/trainWorker-[\w-]+\.js$/.test(u.pathname)).length).toBeGreaterThan(0);
  // the threaded build starts its pool of thread workers whatever the thread count
  expect(paths.filter((u) => /^\/assets\/tfjs-wasm-pthread-[\w-]+\.js$/.test(u.pathname)).length, 'wasm thread workers').toBeGreaterThan(0);

  // every response of ours carries the isolation headers and the CSP: the page's, the workers', the thread factory's, the .wasm's
  const built = readdirSync('dist/assets').filter((n) => /^(tfjs-wasm-(pthread|threaded-factory)|tfjs-backend-wasm[\w-]*)-[\w-]+\.(js|wasm)$/.test(n)).map((n) => `/assets/${n}`);
  expect(built.length, 'the wasm files and thread scripts in dist/assets').toBe(5);
  const ours = [
    ...responses.filter((r) => new URL(r.url).origin === new URL(baseURL!).origin),
    ...await Promise.all([...new Set([...built, ...paths.map((u) => u.pathname)])].map(async (path) => ({ url: path, headers: (await page.request.get(path)).headers() }))),
  ];
  for (const r of ours) {
    expect(r.headers['cross-origin-opener-policy'], r.url).toBe('same-origin');
    expect(r.headers['cross-origin-embedder-policy'], r.url).toBe('require-corp');
    expect(r.headers['content-security-policy'], r.url).toContain("worker-src 'self'");
  }
  expect(foreign, 'requests to other hosts').toEqual([]);
  expect(problems, 'console errors and CSP violations').toEqual([]);
  expect(errors).toEqual([]);
});

test('with 4 cores, wasm trains on 2 threads: the thread workers run from our origin under the CSP', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const problems = await watchCsp(page);
  // this machine has 2 cores, on which TF.js runs 1 thread: the worker is told 4, so TF.js starts 2
  await patchTrainingWorker(page, [
    `Object.defineProperty(WorkerNavigator.prototype, 'hardwareConcurrency', { get: () => 4, configurable: true });`,
    `self.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation in the worker: ' + e.violatedDirective + ' ' + e.blockedURI));`,
  ].join('\n'));
  await page.goto('/');
  await expect(badge(page)).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
  await expect(reason(page)).toHaveText('software WebGPU adapter (google swiftshader): using wasm, 2 threads, SIMD');
  await tinyConfig(page, { model: 'resnet-broad', steps: 3 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, ['completed'], 120_000);
  await expect(page.getByTestId('run-summary')).toContainText('backend wasm');
  expect(problems, 'console errors and CSP violations').toEqual([]);
});

test('?backend=webgpu pins WebGPU and a run trains on it; the software adapter is not shown as a green badge', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const errors = collectPageErrors(page);
  await openPage(page, '/', 'webgpu');
  await expect(reason(page)).toHaveText('pinned to webgpu by you: software WebGPU adapter google swiftshader');
  await expect(badge(page)).toHaveAttribute('data-chosen-by', 'pinned');
  await expect(badge(page)).toHaveClass(/badge--warn/);
  await expect(page.getByLabel('Backend', { exact: true })).toHaveValue('webgpu');
  await tinyConfig(page, { model: 'mlp-broad', steps: 2 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, ['completed'], 180_000);
  await expect(page.getByTestId('run-summary')).toContainText('backend webgpu');
  // the next run's worker is pinned too (a silent fallback would show here)
  await expect(badge(page)).toHaveAttribute('data-backend', 'webgpu', { timeout: 90_000 });
  expect(new URL(page.url()).searchParams.get('backend')).toBe('webgpu');
  expect(errors).toEqual([]);
});

test('a bad backend= is reported and ignored; the setting pins a backend, writes it to the link, and back to auto', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const errors = collectPageErrors(page);
  await page.goto('/?v=1&lr=0.001&backend=bogus');
  await expect(page.getByTestId('url-message')).toContainText('backend="bogus" is not a backend (auto, webgpu, wasm, webgl, cpu); the page picks one itself.');
  await expectBackend(page, 'wasm');
  await expect(badge(page)).toHaveAttribute('data-chosen-by', 'auto');
  await expect(page.getByLabel('Learning rate', { exact: true }), 'the rest of the link is used').toHaveValue('0.001');
  await expect.poll(() => new URL(page.url()).search, { message: 'the bad value leaves the address bar' }).toBe('?v=3&lr=0.001');

  await page.locator('summary', { hasText: 'Backend settings' }).click();
  const choice = page.getByLabel('Backend', { exact: true });
  await choice.selectOption('cpu');
  await expect(badge(page)).toHaveAttribute('data-backend', 'cpu', { timeout: 90_000 });
  await expect(reason(page)).toHaveText('pinned to cpu by you');
  await expect.poll(() => new URL(page.url()).searchParams.get('backend')).toBe('cpu');
  await choice.selectOption('auto');
  await expect(badge(page)).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
  await expect.poll(() => new URL(page.url()).searchParams.has('backend')).toBe(false);
  expect(errors).toEqual([]);
});

test('a pinned WebGPU that cannot start falls back to wasm and says why', async ({ page }) => {
  test.setTimeout(2 * 60_000);
  await patchTrainingWorker(page, `Object.defineProperty(WorkerNavigator.prototype, 'gpu', { get: () => undefined, configurable: true });`);
  await page.goto('/?backend=webgpu');
  await expect(badge(page)).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
  await expect(badge(page)).toHaveAttribute('data-chosen-by', 'pinned');
  await expect(badge(page)).toHaveClass(/badge--warn/);
  await expect(reason(page)).toHaveText(/^webgpu pinned but unavailable \(this browser has no WebGPU \(navigator\.gpu is missing\)\); using wasm, \d+ threads?( \([^)]+\))?, SIMD$/);
});

/** The Measure backends table: backend → its cells, as shown. */
async function figures(page: Page): Promise<Record<string, { ok: boolean; cells: string[] }>> {
  const rows = page.getByTestId('backend-settings').getByTestId('backend-figures').locator('tbody tr');
  const out: Record<string, { ok: boolean; cells: string[] }> = {};
  for (const row of await rows.all()) {
    out[(await row.getAttribute('data-backend'))!] = { ok: (await row.getAttribute('data-ok')) === 'true', cells: await row.locator('td').allTextContents() };
  }
  return out;
}

test('Measure backends times all four, remembers the fastest for this browser and adapter across a reload, and forgets it', async ({ page }) => {
  test.setTimeout(8 * 60_000);
  const errors = collectPageErrors(page);
  await openPage(page);
  // a small model keeps software WebGPU's compile short
  await tinyConfig(page, { model: 'mlp-broad' });
  await page.locator('summary', { hasText: 'Backend settings' }).click();
  await page.getByTestId('measure-backends').click();
  await expect(page.getByRole('button', { name: 'Train', exact: true }), 'no run beside a measurement').toBeDisabled();
  const winner = page.getByTestId('measured-winner');
  await expect(winner).toBeVisible({ timeout: 7 * 60_000 });

  const table = await figures(page);
  console.log(`measured: ${JSON.stringify(table)}`);
  expect(Object.keys(table).sort()).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);
  const rates: Record<string, number> = {};
  for (const [backend, row] of Object.entries(table)) {
    expect(row.ok, `${backend}: ${row.cells.join(' ')}`).toBe(true);
    expect(row.cells[0], `${backend} ms / step`).toMatch(/^\d+(\.\d)? (ms|s)$/);
    expect(row.cells[2], `${backend} first step`).toMatch(/^\d+(\.\d)? (ms|s)$/);
    rates[backend] = Number(row.cells[1]);
    expect(rates[backend]).toBeGreaterThan(0);
  }
  const fastest = Object.entries(rates).sort((a, b) => b[1] - a[1])[0][0];
  await expect(winner).toHaveAttribute('data-winner', fastest);
  // auto now uses the measurement, and says so with the figures
  const today = new Date().toISOString().slice(0, 10);
  await expect(badge(page)).toHaveAttribute('data-chosen-by', 'measured', { timeout: 90_000 });
  await expect(badge(page)).toHaveAttribute('data-backend', fastest);
  await expect(reason(page)).toHaveText(new RegExp(`^measured fastest here on ${today}: ${fastest} [\\d.]+ steps/s vs `));

  await page.reload();
  await expect(badge(page)).toHaveAttribute('data-chosen-by', 'measured', { timeout: 90_000 });
  await expect(badge(page)).toHaveAttribute('data-backend', fastest);
  await page.locator('summary', { hasText: 'Backend settings' }).click();
  await expect(page.getByTestId('measured-winner')).toHaveAttribute('data-winner', fastest);
  expect(Object.keys(await figures(page)).sort()).toEqual(['cpu', 'wasm', 'webgl', 'webgpu']);

  await page.getByTestId('forget-measurement').click();
  await expect(badge(page)).toHaveAttribute('data-chosen-by', 'auto', { timeout: 90_000 });
  await expect(reason(page)).toHaveText(/^software WebGPU adapter \(google swiftshader\): using wasm/);
  await expect(page.getByTestId('measured-winner')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('ftp-measured-backends'))).toBe('[]');
  expect(errors).toEqual([]);
});

test('wasm in the browser (threads, SIMD, our conv-gradient kernels) trains like wasm in Node', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const tiny: RunConfig = { ...DEFAULT_CONFIG, trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 1000, shifts: ['rotation'], duration: { unit: 'steps', value: 3 } };
  const cases = ['resnet-broad', 'vit-broad', 'mlp-broad'].map((model) => ({ label: model, config: { ...tiny, model } }));
  page.on('console', (m) => console.log(`  ${m.text()}`));
  await page.goto('/e2e/harness/smoke.html');
  const results: SmokeResult[] = await page.evaluate((request) => window.runSmoke(request), { backend: 'wasm' as const, configs: cases });

  await useNodeBackend('wasm');
  for (const [i, { config }] of cases.entries()) {
    const reference: number[] = [];
    await runTraining(config, { reader: publicDirReader(), control: { checkpoint: async () => false }, emit: (e) => { if (e.type === 'steps') reference.push(...e.losses); } });
    const r = results[i];
    expect(r.backend, r.label).toBe('wasm');
    expect(r.ok, `${r.label}: ${r.error}`).toBe(true);
    expect(r.tensorsLeaked, `${r.label} leaked tensors`).toBe(0);
    expect(r.losses.length, r.label).toBe(reference.length);
    // the same XNNPACK kernels; threads may only change the order of a sum
    r.losses.forEach((l, k) => expect(Math.abs(l - reference[k]) / Math.abs(reference[k]), `${r.label} loss ${k}: browser ${l}, node ${reference[k]}`).toBeLessThan(1e-3));
  }
});
