/**
 * The playground page end to end on the backend it picks: a tiny run set through the real controls, from
 * Train to completed, and the invalid-config path that keeps Train disabled with a reason.
 */
import { expect, test } from '@playwright/test';
import { collectForeignRequests, collectPageErrors, expectStatus, openPage, tinyConfig } from './support/page';

const STEPS = 60;

test('a tiny fine-tuning run trains to completion and draws its charts', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  const pageErrors = collectPageErrors(page);
  const started = Date.now();
  await openPage(page);

  // the tiny config, through the real controls; enough steps that the run is still going when the
  // test looks at it (on wasm a 3-step run can end between two polls of the status)
  await tinyConfig(page, { oneShift: false, steps: STEPS, evalEvery: STEPS });
  const selectedShifts = await page.locator('.shift-picker input[type=checkbox]:checked').count();
  expect(selectedShifts).toBeGreaterThan(0);

  // record every status the page shows, so a short "compiling" phase cannot slip between two polls
  await page.evaluate(() => {
    const w = window as unknown as { __statuses: string[] };
    w.__statuses = [];
    const record = () => {
      const s = document.querySelector('[data-testid=run-status]')?.getAttribute('data-status');
      if (s && w.__statuses[w.__statuses.length - 1] !== s) w.__statuses.push(s);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'], childList: true });
  });

  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  await train.click();

  await expectStatus(page, ['compiling', 'training'], 120_000);
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
  await expect(page.getByLabel('Batch size', { exact: true }), 'settings are locked while a run is active').toBeDisabled();

  await expectStatus(page, ['completed', 'stopped'], 240_000);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
  const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  console.log(`statuses seen: ${statuses.join(' → ')}; run took ${((Date.now() - started) / 1000).toFixed(0)} s from page load`);
  expect(statuses).toContain('compiling');

  const progress = page.getByRole('progressbar', { name: 'Training progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', String(STEPS));
  await expect(progress).toHaveAttribute('aria-valuemax', String(STEPS));

  // the loss chart has drawn a line through at least two points
  const lossPath = page.getByTestId('chart-loss').locator('path.recharts-line-curve').first();
  await expect(lossPath).toHaveAttribute('d', /^M[\d.,\s-]+L/);

  await expect(page.getByTestId('metric-id-acc')).toHaveText(/^\d{1,3}\.\d %$/);
  await expect(page.getByTestId('metric-ood-mean')).toHaveText(/^\d{1,3}\.\d %$/);
  await expect(page.getByTestId('metric-ood-worst')).toHaveText(/^\d{1,3}\.\d %$/);
  const distortion = Number(await page.getByTestId('metric-distortion-id').textContent());
  expect(distortion, 'feature distortion after training').toBeGreaterThan(0);
  // a flat line has a zero-height box, so check the path data rather than visibility
  await expect(page.getByTestId('chart-accuracy').locator('path.recharts-line-curve[name="ID"]')).toHaveAttribute('d', /^M[\d.,\s-]+L/);
  await expect(page.getByTestId('chart-drift').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('run-summary')).toContainText('best ID validation (step');

  // gallery: the clean row, then one row per selected shift, six images each
  const rows = page.getByTestId('gallery-row');
  await expect(rows).toHaveCount(1 + selectedShifts);
  await expect(rows.first()).toHaveAttribute('data-shift', 'clean');
  await expect(rows.first().locator('canvas')).toHaveCount(6);

  // the settings unlock after the run
  await expect(page.getByLabel('Batch size', { exact: true })).toBeEnabled();
  expect(pageErrors).toEqual([]);
});

test('an unparsable learning rate is named, disables Train with the reason shown, and a valid one re-enables it', async ({ page, baseURL }) => {
  const pageErrors = collectPageErrors(page);
  const foreignRequests = collectForeignRequests(page, baseURL!);
  await openPage(page);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  const lr = page.getByLabel('Learning rate', { exact: true });
  await expect(train).toBeEnabled();

  await lr.fill('abc');
  await expect(lr).toHaveValue('abc'); // the raw text stays as typed
  await expect(lr).toHaveAttribute('aria-invalid', 'true');
  await expect(lr).toHaveAccessibleDescription(/not a number/);
  await expect(train).toBeDisabled();
  const reason = page.getByTestId('train-blocked');
  await expect(reason).toBeVisible();
  await expect(reason).toContainText('Learning rate');

  await lr.fill('1e-3');
  await expect(lr).not.toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toBeHidden();
  await expect(train).toBeEnabled();
  expect(pageErrors).toEqual([]);
  expect(foreignRequests, 'requests to other hosts').toEqual([]);
});
