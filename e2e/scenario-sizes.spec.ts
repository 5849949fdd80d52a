/**
 * A scenario's Quick and Full sizes in the real page: opening a scenario selects Quick (its text
 * says what Quick measured), the toggle changes the settings shown and keeps the run that is set
 * up, and the link keeps the size (a reload restores it; a link without a size opens Quick).
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, openPage } from './support/page';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const search = (page: Page) => new URL(page.url()).search;

test('opening a scenario selects Quick; the toggle changes the settings; the link keeps the size', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openPage(page);
  await page.getByTestId('preset-why-ft-hurts-ood').click();
  const text = page.getByTestId('preset-text');
  const quick = text.getByTestId('preset-size-quick');
  const full = text.getByTestId('preset-size-full');
  await expect(quick).toHaveAttribute('aria-pressed', 'true');
  await expect(full).toHaveAttribute('aria-pressed', 'false');
  await expect(field(page, 'Duration')).toHaveValue('100');
  await expect(page.getByLabel('Duration unit')).toHaveValue('steps');
  await expect(field(page, 'Method')).toHaveValue('ft');
  await expect(text.getByTestId('preset-size-text')).toContainText('Quick: 100 steps');
  await expect(text.getByTestId('preset-size-text')).toContainText('seeds 0–2');
  await expect(text.getByTestId('preset-quick-table')).toContainText('FT');
  await expect.poll(() => search(page), { timeout: 10_000 }).toMatch(/&preset=why-ft-hurts-ood&size=quick$/);
  await page.screenshot({ path: 'test-results/scenario-quick.png' });

  // Full: the measured matrix's settings
  await full.click();
  await expect(full).toHaveAttribute('aria-pressed', 'true');
  await expect(field(page, 'Duration')).toHaveValue('6');
  await expect(page.getByLabel('Duration unit')).toHaveValue('epochs');
  await expect(text.getByTestId('preset-quick-table')).toHaveCount(0);
  await expect(text.getByTestId('preset-size-text')).toContainText('Full');
  await expect.poll(() => search(page), { timeout: 10_000 }).toBe('?v=3&lr=0.004&preset=why-ft-hurts-ood&size=full');

  // the run that is set up stays when the size changes
  await text.getByRole('button', { name: '2. LP' }).click();
  await expect(field(page, 'Method')).toHaveValue('lp');
  await quick.click();
  await expect(field(page, 'Method')).toHaveValue('lp');
  await expect(field(page, 'Duration')).toHaveValue('100');
  await expect(text.getByRole('button', { name: '2. LP' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => search(page), { timeout: 10_000 }).toMatch(/&preset=why-ft-hurts-ood&size=quick$/);

  // a reload of the link keeps the size and the run
  await openPage(page, `/${search(page)}`);
  await expect(page.getByTestId('preset-size-quick')).toHaveAttribute('aria-pressed', 'true');
  await expect(field(page, 'Method')).toHaveValue('lp');
  await expect(field(page, 'Duration')).toHaveValue('100');
  await openPage(page, '/?preset=why-ft-hurts-ood&size=full');
  await expect(page.getByTestId('preset-size-full')).toHaveAttribute('aria-pressed', 'true');
  await expect(field(page, 'Duration')).toHaveValue('6');

  // a link from before sizes (no size): Quick
  await openPage(page, '/?preset=why-ft-hurts-ood');
  await expect(page.getByTestId('preset-size-quick')).toHaveAttribute('aria-pressed', 'true');
  await expect(field(page, 'Duration')).toHaveValue('100');
  await expect(page.getByTestId('preset-text')).not.toContainText('Settings changed since picking this scenario');
  expect(errors).toEqual([]);
});
