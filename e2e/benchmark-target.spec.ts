/**
 * A DomainBed benchmark as the target in the real page: the picker offers it with its held-out
 * domain, the link carries both, the provenance note says where the digits come from, and a tiny
 * run trains with the held-out domain drawn in the accuracy chart as an OOD set.
 */
import { expect, test } from '@playwright/test';
import { collectPageErrors, expectStatus, openPage, tinyConfig } from './support/page';

test('Rotated MNIST with 75° held out: picker, link, provenance, and a tiny run that reports the held-out domain', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  const errors = collectPageErrors(page);
  await openPage(page);
  await page.getByLabel('Target dataset', { exact: true }).selectOption('rotated-mnist');
  const domain = page.getByLabel('Held-out test domain', { exact: true });
  await expect(domain.locator('option')).toHaveText(['0°', '15°', '30°', '45°', '60°', '75°']);
  await domain.selectOption({ label: '75°' });
  await expect(page.getByTestId('held-out-note')).toContainText('75°');
  await page.getByTestId('data-provenance').locator('summary').click();
  await expect(page.getByTestId('data-provenance')).toContainText('6,000 digits');
  await expect(page.getByTestId('data-provenance')).toContainText('CC BY-SA 3.0');
  await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toMatch(/dataset=rotated-mnist&testDomain=5/);

  await tinyConfig(page, { steps: 4, evalEvery: 4 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, ['completed'], 240_000);
  await expect(page.getByTestId('metric-ood-mean')).toHaveText(/^\d{1,3}\.\d %$/);
  await expect(page.getByTestId('chart-accuracy')).toContainText('held-out domain 75°');
  expect(errors).toEqual([]);
});
