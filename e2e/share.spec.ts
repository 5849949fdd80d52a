/**
 * Links, presets and See inside in the real page: a copied link restores the same
 * settings in a new page; garbage and 100 KB of junk give a message and the defaults; a locked
 * link shows the locked view; a preset sets the config and shows its text; a tiny run draws the
 * See-inside scatter, prediction grid and confusion matrix.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, openPage } from './support/page';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const shift = (page: Page, name: string) => page.getByRole('checkbox', { name, exact: true });

/** The settings a link must carry, read from the page's own fields. */
async function readSettings(page: Page) {
  return {
    method: await field(page, 'Method').inputValue(),
    lr: await field(page, 'Learning rate').inputValue(),
    seed: await field(page, 'Seed').inputValue(),
    batch: await field(page, 'Batch size').inputValue(),
    duration: await field(page, 'Duration').inputValue(),
    unit: await page.getByLabel('Duration unit').inputValue(),
    severity: await page.locator('#cfg-severity').inputValue(),
    blur: await shift(page, 'Blur').isChecked(),
    fog: await shift(page, 'Fog').isChecked(),
    rotation: await shift(page, 'Rotation').isChecked(),
  };
}

const DEFAULTS = { method: 'ft', lr: '0.002', seed: '0', batch: '32', duration: '6', unit: 'epochs', severity: '3', blur: false, fog: true, rotation: true };

test('a copied link opens a new page with the same settings', async ({ page, context }) => {
  const errors = collectPageErrors(page);
  await openPage(page);
  expect(await readSettings(page)).toEqual(DEFAULTS);

  await field(page, 'Method').selectOption('lp-ft');
  await field(page, 'Learning rate').fill('0.0005');
  await field(page, 'Seed').fill('7');
  await field(page, 'Batch size').fill('64');
  await field(page, 'Duration').fill('3');
  await page.locator('#cfg-severity').fill('5');
  await shift(page, 'Fog').uncheck();
  await shift(page, 'Blur').check();
  const changed = await readSettings(page);
  expect(changed).toEqual({ ...DEFAULTS, method: 'lp-ft', lr: '0.0005', seed: '7', batch: '64', duration: '3', severity: '5', blur: true, fog: false });

  // the address bar follows the settings (debounced replaceState): only non-defaults and the version
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 })
    .toBe('?v=3&shifts=rotation,gaussian-noise,blur,coloured-background&severity=5&method.kind=lp-ft&lr=0.0005&batchSize=64&duration.value=3&seed=7');
  const link = page.url();

  const other = await context.newPage();
  const otherErrors = collectPageErrors(other);
  await openPage(other, link);
  expect(await readSettings(other)).toEqual(changed);
  await expect(other.getByTestId('url-message')).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  expect([...errors, ...otherErrors]).toEqual([]);
});

test('a garbage link and a 100 KB junk link each show a message and the defaults', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openPage(page, '/?%%%&&&==&garbage=1&__proto__[x]=1&lr=abc&seed=-3');
  const message = page.getByTestId('url-message');
  await expect(message).toBeVisible();
  await expect(message).toContainText('Part of this link could not be used');
  await expect(message).toContainText('lr="abc" is not a number');
  await expect(message).toContainText('"garbage"');
  expect(await readSettings(page)).toEqual(DEFAULTS);
  // the address bar is cleaned up
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe('?v=3');
  await message.getByRole('button', { name: /dismiss/i }).click();
  await expect(message).toHaveCount(0);

  // 100 KB of junk: the server never sees it (servers refuse such request lines); the page does
  const junk = `/?v=1&lr=0.001&${'%00<script>'.repeat(10 * 1024)}`;
  expect(junk.length).toBeGreaterThan(100 * 1024);
  let served = 0;
  await page.route((url) => url.search.length > 100 * 1024, async (route) => {
    served = route.request().url().length;
    const index = await route.fetch({ url: new URL('/', route.request().url()).toString() });
    await route.fulfill({ response: index });
  });
  await openPage(page, junk);
  expect(served, 'the page was opened at the 100 KB link').toBeGreaterThan(100 * 1024);
  await expect(page.getByTestId('url-message')).toContainText('too long to be a playground link');
  expect(await readSettings(page)).toEqual(DEFAULTS);
  // and the address bar holds the clean link again
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe('?v=3');
  expect(errors).toEqual([]);
});

test('a locked link shows the locked view: settings read-only, only the run controls', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openPage(page, '/?v=1&lr=0.001&lock=1&hide=gallery,presets');
  await expect(page.getByTestId('locked-note')).toBeVisible();
  await expect(field(page, 'Learning rate')).toHaveValue('0.001');
  await expect(field(page, 'Learning rate')).toBeDisabled();
  await expect(field(page, 'Batch size')).toBeDisabled();
  await expect(shift(page, 'Fog')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(page.getByTestId('shift-gallery')).toHaveCount(0);
  await expect(page.getByTestId('preset-panel')).toHaveCount(0);
  await expect(page.getByTestId('url-message')).toHaveCount(0);
  // the view options stay in the link
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe('?v=3&lr=0.001&lock=1&hide=presets,gallery');

  // hiding the settings column gives the run the whole width
  await openPage(page, '/?v=1&hide=config');
  await expect(page.getByRole('form', { name: 'Run configuration' })).toHaveCount(0);
  await expect(page.getByTestId('see-inside')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a preset click sets the config and shows what to look for with measured figures', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openPage(page);
  await page.getByTestId('preset-why-ft-hurts-ood').click();
  const text = page.getByTestId('preset-text');
  await expect(text).toBeVisible();
  // the scenario opens at Quick (e2e/scenario-sizes.spec.ts); Full is the measured matrix's setup
  await text.getByTestId('preset-size-full').click();
  await expect(text).toContainText('Why fine-tuning hurts OOD');
  await expect(text).toContainText('What to look for');
  await expect(text.getByTestId('preset-measured')).toContainText('60.1 ± 10.4 %');
  await expect(text.getByTestId('preset-measured')).toContainText('docs/results.md');
  expect(await readSettings(page)).toEqual({ ...DEFAULTS, lr: '0.004' });
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe('?v=3&lr=0.004&preset=why-ft-hurts-ood&size=full');

  // the scenario's second run
  await text.getByRole('button', { name: '2. LP' }).click();
  await expect(field(page, 'Method')).toHaveValue('lp');
  await expect(field(page, 'Learning rate')).toHaveValue('0.01');
  await expect(text.getByRole('button', { name: '2. LP' })).toHaveAttribute('aria-pressed', 'true');

  // a preset link opens the scenario
  await openPage(page, '/?preset=daft-batchnorm');
  await expect(page.getByTestId('preset-text')).toHaveAttribute('data-preset', 'daft-batchnorm');
  await expect(field(page, 'Method')).toHaveValue('daft');
  expect(errors).toEqual([]);
});

test('a tiny run shows the See-inside scatter, prediction grid and confusion matrix', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const errors = collectPageErrors(page);
  // train size 64, batch 16, 3 steps, evaluate every 3, eval size 32, probe size 16: set through the link
  await openPage(page, '/?v=1&trainSize=64&batchSize=16&duration.unit=steps&duration.value=3&evalEvery=3&evalSize=32&probeSize=16');
  await expect(page.getByTestId('inside-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', /^(completed|failed|diverged)$/, { timeout: 200_000 });
  expect(await status.getAttribute('data-status'), await status.textContent() ?? '').toBe('completed');

  // 16 ID probes + 4 per shift × 4 shifts, pretrained (faint) and now (solid)
  const scatter = page.getByTestId('inside-scatter');
  await expect(scatter.getByTestId('scatter-pretrained').locator('circle, rect')).toHaveCount(32);
  await expect(scatter.getByTestId('scatter-current').locator('circle, rect')).toHaveCount(32);
  await expect(scatter.getByTestId('scatter-lines').locator('line').first()).toBeAttached();
  await expect(scatter).toContainText('step 3');
  await expect(page.getByTestId('scatter-moved')).toContainText(/ID \d/);

  // one row per domain (clean + 4 shifts), one image per class, each marked right or wrong
  const rows = page.getByTestId('inside-grid-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toHaveAttribute('data-domain', 'id');
  const cells = page.getByTestId('inside-grid-cell');
  await expect(cells).toHaveCount(50);
  const marks = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-correct')));
  expect(marks.every((m) => m === 'true' || m === 'false')).toBe(true);
  await expect(rows.first().locator('canvas')).toHaveCount(10);

  // 10×10 counts over the 32 ID test images
  const confusion = page.getByTestId('inside-confusion');
  const counts = await confusion.locator('td.confusion__cell').evaluateAll((els) => els.map((e) => Number(e.textContent || 0)));
  expect(counts).toHaveLength(100);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(32);
  await page.getByTestId('confusion-domain').selectOption('rotation');
  await expect(confusion).toContainText('Rotation');
  expect(errors).toEqual([]);
});
