/**
 * The double-descent lab on the backend the page picks: a tiny sweep (k = 0 and k = all of the lab MLP, 2 epochs,
 * 64 training digits 5–9 with 25 % label noise, 32 test images) set up through the lab's controls,
 * trained in the worker one run after another, draws chart (iii), final error vs k, and chart (i),
 * error vs epoch per k, and says how many labels each run flipped.
 */
import { expect, test } from '@playwright/test';
import { collectPageErrors, openPage, type } from './support/page';

test('a tiny sweep of two k values draws final error vs k and error vs epoch', async ({ page }) => {
  test.setTimeout(5 * 60_000);
  const errors = collectPageErrors(page);
  const started = Date.now();
  await openPage(page);
  await page.getByTestId('tab-lab').click();
  const setup = page.getByTestId('lab-setup');
  await expect(setup).toBeVisible();

  await test.step('set up 2 runs: one source, k = 0 and 4, 64 images, 25 % noise, 2 epochs', async () => {
    await page.getByTestId('lab-source-mlp-clothing5').uncheck();
    await type(page, 'Frozen blocks k', '0, 4');
    await type(page, 'Target training images', '64');
    await type(page, 'Label noise (%)', '25');
    await type(page, 'Epochs', '2');
    await type(page, 'Test images', '32');
    await expect(page.getByTestId('lab-run')).toHaveText(/Run sweep \(2 runs, 8 steps, ≈ \d+ (s|min) here\)/);
  });

  await test.step('train both runs in the worker, one after another', async () => {
    await page.getByTestId('lab-run').click();
    const rows = page.getByTestId('lab-run-row');
    await expect.poll(async () => {
      const text = (await rows.allTextContents()).join(' | ');
      if (/failed|diverged/.test(text)) return `a run failed: ${text}`;
      return (await rows.filter({ hasText: 'completed' }).count());
    }, { timeout: 200_000, intervals: [1000] }).toBe(2);
    console.log(`2 sweep runs done after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await expect(page.getByTestId('lab-flipped')).toHaveText(['16 of 64', '16 of 64']);
  });

  await test.step('chart (iii): final test and train error at k = 0 and k = 4', async () => {
    const chart = page.getByTestId('lab-chart-final-k');
    await expect(chart.locator('.recharts-line-curve').first()).toBeVisible();
    await expect(chart.locator('.recharts-line-dots').first().locator('circle, path')).toHaveCount(2);
    await expect(chart.locator('.recharts-cartesian-axis-tick-value')).toContainText(['0', '4']);
  });

  await test.step('chart (i): test and train error vs epoch, one colour per k', async () => {
    const chart = page.getByTestId('lab-chart-epochs');
    await expect(chart.locator('.recharts-line-curve')).toHaveCount(4); // test and train for each k
    const legend = chart.locator('.recharts-legend-item-text');
    await expect(legend).toHaveCount(2);
    await expect(legend.filter({ hasText: /^k = 0 test$/ })).toHaveCount(1);
    await expect(legend.filter({ hasText: /^k = 4 test$/ })).toHaveCount(1);
    await expect(chart.locator('.recharts-cartesian-axis-tick-value').filter({ hasText: /^2$/ })).toHaveCount(1);
  });
  expect(errors).toEqual([]);
});

test('the lab preset opens the lab with the measured sweep and draws all four charts', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openPage(page);
  // the teaching scenarios' chip opens the lab with the preset's setup and its measured sweep
  await page.getByTestId('preset-lab-double-descent').click();
  await expect(page.getByTestId('tab-lab')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('lab-notice')).toContainText('Imported 25 sweep runs');
  await expect(page.getByTestId('lab-preset-double-descent')).toHaveText('Loaded');
  await expect(page.getByLabel('Frozen blocks k', { exact: true })).toHaveValue('0, 1, 2, 3, 4');
  await expect(page.getByTestId('lab-preset')).toContainText('What this project measured');
  for (const id of ['lab-chart-epochs', 'lab-chart-final-k', 'lab-chart-sizes', 'lab-chart-sources']) {
    await expect(page.getByTestId(id).locator('.recharts-line-curve').first(), id).toBeVisible();
  }
  // (iv): one line per source
  const legend = page.getByTestId('lab-chart-sources').locator('.recharts-legend-item-text');
  await expect(legend).toHaveCount(2);
  await expect(legend.filter({ hasText: 'Lab MLP · digits 0–4' })).toHaveCount(1);
  await expect(legend.filter({ hasText: 'Lab MLP · clothing' })).toHaveCount(1);
  await expect(page.getByTestId('lab-flipped').first()).toHaveText(/^\d+ of \d+$/);
  expect(errors).toEqual([]);
});
