/**
 * The presentation view (`view=present`) in the real page, at a laptop's 1280×720 and a projector's
 * 1920×1080: one screen with the scenario's question and what to look for, the run controls and the
 * key charts; space trains, → changes the scenario, Escape goes back; a race of the scenario's
 * methods draws their curves together. Screenshots go to test-results/present/.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, expectStatus, openPage } from './support/page';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/present/${name}.png` });

async function fitsOneScreen(page: Page, height: number) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth - innerWidth), 'sideways scroll').toBeLessThanOrEqual(0);
  for (const sel of ['.present__look', '#train-button', '.present__charts .chart-card, .present__charts figure']) {
    const b = await page.locator(sel).first().boundingBox();
    expect(b, sel).not.toBeNull();
    expect(b!.y + Math.min(b!.height, 120), `${sel} starts on the first screen`).toBeLessThanOrEqual(height);
  }
}

test('the presentation view opens from its button and its link, fits 1280×720 and 1920×1080, and answers the keyboard', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await openPage(page, '/?preset=why-ft-hurts-ood');
  await page.getByTestId('present-open').click();
  await expect(page.getByTestId('present-view')).toBeVisible();
  await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('view'))).toBe('present');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Why fine-tuning hurts OOD/);
  await expect(page.locator('.present__look li').first()).toBeVisible();
  // large type: the look-for text is bigger than the page's 15 px
  expect(await page.locator('.present__look').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(15);
  await fitsOneScreen(page, 720);
  await shot(page, 'present-1280x720');

  // → opens the next scenario, ← goes back (only between runs)
  await page.locator('body').press('ArrowRight');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/the whole trade-off/);
  await page.locator('body').press('ArrowLeft');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Why fine-tuning hurts OOD/);

  // the projector: a copied link opens the same view; the type grows with the screen
  await page.setViewportSize({ width: 1920, height: 1080 });
  const url = page.url();
  await page.goto(url);
  await expect(page.getByTestId('present-view')).toBeVisible();
  await expect(page.getByTestId('backend-badge')).toHaveCount(0);
  await expect(page.locator('#train-button')).toBeEnabled({ timeout: 90_000 });
  expect(await page.locator('.present__look').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
  await fitsOneScreen(page, 1080);
  await shot(page, 'present-1920x1080');

  // Escape goes back to the full page, and the link forgets the view
  await page.locator('body').press('Escape');
  await expect(page.getByTestId('present-view')).toHaveCount(0);
  await expect(page.locator('.layout')).toBeVisible();
  await expect.poll(() => page.evaluate(() => new URL(location.href).searchParams.get('view'))).toBeNull();
  expect(errors).toEqual([]);
});

test('space trains a tiny run in the presentation view, and a race draws the scenario\'s methods on shared axes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  // a tiny version of the scenario, through its link: MLP, 4 steps, few images
  await page.goto('/?preset=why-ft-hurts-ood&model=mlp-broad&trainSize=64&batchSize=16&duration.value=4&duration.unit=steps&evalEvery=50&evalSize=32&probeSize=16&view=present');
  await expect(page.getByTestId('present-view')).toBeVisible();
  await expect(page.locator('#train-button')).toBeEnabled({ timeout: 90_000 });
  await page.locator('body').press(' ');
  await expectStatus(page, ['completed'], 180_000);
  await expect(page.locator('.present__charts svg.recharts-surface[role="application"]').first()).toBeVisible();

  await page.getByTestId('present-race').click();
  await expect(page.getByTestId('present-race')).toBeDisabled();
  await expect(page.getByTestId('present-race-ood')).toBeVisible();
  // the three methods' lines share the chart: one legend entry per method
  await expect.poll(async () => page.getByTestId('present-race-ood').locator('.recharts-legend-item').count(), { timeout: 300_000 }).toBeGreaterThanOrEqual(3);
  // the race's charts and the controls stay on the one screen
  await expect(page.getByTestId('present-race')).toBeInViewport();
  for (const id of ['present-race-id', 'present-race-ood', 'present-race-distortion']) await expect(page.getByTestId(id)).toBeInViewport({ ratio: 0.6 });
  await shot(page, 'present-race-1280x720');
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const id of ['present-race-id', 'present-race-ood', 'present-race-distortion']) await expect(page.getByTestId(id)).toBeInViewport({ ratio: 0.95 });
  await shot(page, 'present-race-1920x1080');
});
