/**
 * Issue 14, problems 7–9, in the real page: reopening a past run (its status, its settings beside
 * the charts, loading them), the double-descent lab before anything is loaded (its empty charts,
 * one label-noise unit, a time estimate, the scenario chip), and the Compare tab for researchers
 * (a frozen backbone's distortion, durations, differences marked only where a paired test over
 * seeds supports them, the settings every run shares). The runs come from a runs file written here
 * the way the page exports them (no status events), so no test waits for training.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { RunConfig } from '../src/engine/config/schema';
import type { RunEvent, RunSummary } from '../src/engine/training/events';
import { buildRunFile, serialiseRunFile, type RunFileRun } from '../src/protocol/runFile';
import { BASE, evalRecord, info } from '../src/ui/runs/testRuns';
import { collectPageErrors, expectStatus, openPage, tinyConfig } from './support/page';

const FT: RunConfig = { ...BASE, method: { ...BASE.method, kind: 'ft' }, lr: 2e-3 };
const LP: RunConfig = { ...BASE, method: { ...BASE.method, kind: 'lp' }, lr: 1e-2 };

/** A finished 6-step run as the page exports it: info, losses, evaluations, done; no status lines. */
function fileRun(config: RunConfig, seed: number, idAcc: number, dist: number, label: string): RunFileRun {
  const c = { ...config, seed };
  const evals = [0, 3, 6].map((s) => evalRecord(s, { id: s === 6 ? idAcc : 0.5, oodMean: 0.4, dist: s === 0 ? 0 : dist }));
  const summary: RunSummary = {
    status: 'completed', stepsDone: 6, totalSteps: 6, seconds: 28, stepsPerSec: 3, evalShare: 0.2, last: evals[2], bestVal: evals[2], backend: 'wasm', config: c,
  };
  const events: RunEvent[] = [
    { type: 'info', info: info(6) },
    { type: 'eval', record: evals[0] },
    { type: 'steps', firstStep: 1, losses: [2.3, 2.1, 1.9], phase: 'ft', lr: c.lr, stepsPerSec: 3, etaSec: 1, elapsedSec: 1 },
    { type: 'eval', record: evals[1] },
    { type: 'steps', firstStep: 4, losses: [1.7, 1.6, 1.5], phase: 'ft', lr: c.lr, stepsPerSec: 3, etaSec: 0, elapsedSec: 2 },
    { type: 'eval', record: evals[2] },
    { type: 'done', summary },
  ];
  return { config: c, events, summary, label, id: `${label}-${seed}`, createdAt: Date.UTC(2026, 0, 1 + seed) };
}

/** FT 80.5 ± 3.5 % vs LP 70.5 ± 6.4 % over seeds 0 and 1 (issue 14's example); LP's distortion float noise ≈ 4.1e-6. */
const RUNS = [
  fileRun(FT, 0, 0.78, 1.5, 'FT · seed 0'), fileRun(FT, 1, 0.83, 1.7, 'FT · seed 1'),
  fileRun(LP, 0, 0.66, 4.09e-6, 'LP · seed 0'), fileRun(LP, 1, 0.75, 4.11e-6, 'LP · seed 1'),
];

async function importRuns(page: Page, runs: RunFileRun[]): Promise<void> {
  await page.getByTestId('tab-history').click();
  const text = serialiseRunFile(buildRunFile(runs, 'compare-ux spec'));
  await page.getByTestId('import-input').setInputFiles({ name: 'runs.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('import-notice')).toContainText(`Imported ${runs.length} run`);
}

test('7: a reopened past run says it is finished, names its model and lr, and offers its settings', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openPage(page);
  await importRuns(page, RUNS);
  // each row says its model and learning rate, not only "FT · seed 0"
  const lpRow = page.getByTestId('history-row').filter({ hasText: 'LP · seed 1' });
  await expect(lpRow.getByTestId('history-model')).toHaveText('mlp-broad');
  await expect(lpRow.getByTestId('history-lr')).toHaveText('0.01');
  await expect(page.getByRole('columnheader', { name: 'Model' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'lr' })).toBeVisible();
  await page.getByTestId('history').screenshot({ path: 'test-results/compare-ux-runs-list.png' });

  await lpRow.getByTestId('history-open').click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'completed');
  await expect(status).not.toContainText('starting the training worker');
  await expect(status).toContainText('6 steps');
  // the settings on the left are not the run's: the panel says so and offers the run's own
  const note = page.getByTestId('past-run-note');
  await expect(note).toContainText('other settings');
  await expect(note).toContainText('LP');
  await page.locator('.config-panel').screenshot({ path: 'test-results/compare-ux-past-run-note.png' });
  await note.getByRole('button', { name: 'Load this run’s settings' }).click();
  await expect(page.getByLabel('Pretrained model', { exact: true })).toHaveValue('mlp-broad');
  await expect(page.getByLabel('Training images', { exact: true })).toHaveValue('64');
  await expect(page.getByTestId('past-run-note')).toHaveCount(0);

  // the Runs list loads a run's settings too
  await page.getByTestId('tab-history').click();
  await page.getByTestId('history-row').filter({ hasText: 'FT · seed 0' }).getByTestId('history-load-settings').click();
  await expect(page.getByTestId('history-notice-settings')).toContainText('FT');
  expect(errors).toEqual([]);
});

test('8: the lab before loading, one label-noise unit, a sweep time estimate, and its scenario chip', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openPage(page);
  // the main panel and the lab both speak percent; the link keeps the fraction
  const noise = page.getByLabel('Label noise', { exact: true });
  await expect(page.locator('.input-row:has(#cfg-label-noise) .input-unit')).toHaveText('%');
  await noise.fill('20');
  await expect(noise).toHaveValue('20');
  await expect.poll(() => new URL(page.url()).searchParams.get('labelNoise')).toBe('0.2');

  // a main scenario first: its chip is pressed and the link names it
  const firstChip = page.locator('.preset-chip[data-testid^="preset-"]:not([data-testid^="preset-lab-"])').first();
  await firstChip.click();
  await expect(firstChip).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => new URL(page.url()).searchParams.has('preset')).toBe(true);

  await page.getByTestId('tab-lab').click();
  const lab = page.getByTestId('lab');
  for (const id of ['lab-chart-epochs', 'lab-chart-final-k', 'lab-chart-sizes', 'lab-chart-sources']) {
    await expect(lab.getByTestId(id)).not.toContainText(/undefined|NaN/);
  }
  await expect(lab.getByTestId('lab-chart-epochs')).toContainText('No sweep loaded yet');
  await page.getByTestId('lab-setup').screenshot({ path: 'test-results/compare-ux-lab-setup.png' });
  await expect(page.getByTestId('lab-setup').getByLabel('Label noise (%)', { exact: true })).toBeVisible();
  // the sweep button says how long, and on what that guess rests
  await expect(page.getByTestId('lab-run')).toContainText(/≈ \d/);
  await expect(page.getByTestId('lab-estimate-basis')).toContainText(/guess|measured/);

  // the lab's scenario replaces the main one: no chip stays pressed, the link drops preset=
  await page.getByTestId('tab-run').click();
  await page.locator('[data-testid^="preset-lab-"]').first().click();
  await expect(page.getByTestId('lab')).toBeVisible();
  await expect(firstChip).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => new URL(page.url()).searchParams.has('preset')).toBe(false);
  expect(errors).toEqual([]);
});

test('9: compare marks no winner inside seed noise, says frozen, formats time, states the shared settings', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openPage(page);
  await importRuns(page, RUNS);
  await page.getByRole('checkbox', { name: 'Select all runs' }).check();
  await page.getByTestId('history-compare').click();
  const table = page.getByTestId('results-table');
  await expect(page.getByTestId('results-row')).toHaveCount(2);
  const ft = page.getByTestId('results-row').filter({ hasText: 'FT' }).first();
  const lp = page.getByTestId('results-row').filter({ hasText: 'LP' }).first();
  await expect(ft.getByTestId('cell-idAcc')).toContainText('80.5 ± 3.5 %');
  await expect(lp.getByTestId('cell-idAcc')).toContainText('70.5 ± 6.4 %');
  // a 95 % interval per cell (t with 1 degree of freedom: ± 12.71 · s/√2)
  await expect(ft.getByTestId('cell-idAcc')).toContainText('95 % CI 48.7 – 112.3');
  // no bold winner from two seeds; the table says why
  await expect(table.locator('.results__best, .results__sig')).toHaveCount(0);
  await expect(page.getByTestId('results-tests')).toContainText('n = 2');
  await expect(page.getByTestId('results-tests')).toContainText('fewer than 3');
  // a frozen backbone cannot move: its distortion is 0, not float noise
  await expect(lp.getByTestId('cell-distortionId')).toHaveText('0 (frozen)');
  await expect(lp.getByTestId('cell-distortionOod')).toHaveText('0 (frozen)');
  // durations in one unit, without a zero spread in another
  await expect(ft.getByTestId('cell-seconds')).toHaveText('28 s');
  // what every run shares, above the table
  const shared = page.getByTestId('shared-settings');
  await expect(shared).toContainText('mlp-broad');
  await expect(shared).toContainText('64 training images');
  await expect(shared).toContainText('batch 16');
  await expect(shared).toContainText('seeds 0, 1');
  await page.getByTestId('results').screenshot({ path: 'test-results/compare-ux-results.png' });
  // the per-step curves as CSV
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('curves-csv').click()]);
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
  expect(lines[0]).toBe('setting,seed,step,metric,value');
  expect(lines.some((l) => /^LP[^,]*,1,6,id_accuracy,0\.75$/.test(l))).toBe(true);
  // a row's settings load into the panel
  await lp.getByTestId('results-load-settings').click();
  await page.getByTestId('tab-run').click();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.01');
  expect(errors).toEqual([]);
});

test('9: with three shared seeds a paired test marks a real difference against the chosen baseline', async ({ page }) => {
  await openPage(page);
  await importRuns(page, [
    fileRun(FT, 0, 0.80, 1.5, 'FT · seed 0'), fileRun(FT, 1, 0.82, 1.5, 'FT · seed 1'), fileRun(FT, 2, 0.85, 1.5, 'FT · seed 2'),
    fileRun(LP, 0, 0.70, 0, 'LP · seed 0'), fileRun(LP, 1, 0.71, 0, 'LP · seed 1'), fileRun(LP, 2, 0.76, 0, 'LP · seed 2'),
  ]);
  await page.getByRole('checkbox', { name: 'Select all runs' }).check();
  await page.getByTestId('history-compare').click();
  await page.getByLabel('Baseline', { exact: true }).selectOption({ index: 1 });
  const ft = page.getByTestId('results-row').filter({ hasText: 'FT' }).first();
  // FT − LP per seed: 0.10, 0.11, 0.09 → mean 10.0 points, t = 17.3, p = 0.003 with 2 degrees of freedom
  await expect(ft.getByTestId('cell-idAcc').locator('.results__sig')).toContainText('+10.0');
  await expect(ft.getByTestId('cell-idAcc')).toContainText('p = 0.003');
  await expect(page.getByTestId('results-tests')).toContainText('n = 3');
});

test('time estimates learn from a run that finished here (guess before, measured after)', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await openPage(page);
  await tinyConfig(page, { model: 'mlp-broad', steps: 6 });
  const only = async () => {
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('compare-setup').getByRole('button', { name: 'clear' }).click();
    await page.getByTestId('compare-method-ft').check();
    await page.getByTestId('compare-seeds-1').click();
  };
  await only();
  const estimate = page.getByTestId('compare-estimate');
  await expect(estimate).toHaveAttribute('title', /rough guess/);
  const guessed = await estimate.textContent();

  await page.getByTestId('tab-run').click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, ['completed'], 120_000);
  await only();
  await expect(estimate).toHaveAttribute('title', /measured here: 1 finished run of this model and method on \w+/);
  const measured = await estimate.textContent();
  // the same config again, through the queue: what the estimate said against what it took
  await page.getByTestId('compare-button').click();
  await expect(page.getByTestId('results-n')).toHaveText('1', { timeout: 120_000 });
  const took = await page.getByTestId('cell-seconds').textContent();
  console.log(`estimate before any run: ${guessed}; after one run: ${measured}; the run took ${took}`);
});
