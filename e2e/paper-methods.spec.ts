/**
 * The paper methods in the page, end to end on real WebGPU: DAFT with SPD set through the real
 * controls on a tiny config and trained to completion (FT-LP is refused beside DAFT, with the reason:
 * it freezes BatchNorm), then FT with FT-LP; the Method diagnostics card shows each method's
 * diagnostic; then the WiSE-FT curve of the finished run is computed and read off its slider.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectStatus, openPage, tinyConfig } from './support/page';

/** What the WiSE-FT readout shows for the chosen α, as one string. */
async function readout(page: Page): Promise<string> {
  const ids = ['wise-ft-alpha', 'wise-ft-id', 'wise-ft-ood-mean', 'wise-ft-ood-worst', 'wise-ft-distortion'];
  return (await Promise.all(ids.map((id) => page.getByTestId(id).textContent()))).join(' | ');
}

test('DAFT + SPD, then FT + FT-LP, train on WebGPU, show each method’s diagnostic, and draw a WiSE-FT curve', async ({ page }) => {
  test.setTimeout(5 * 60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
  await openPage(page, '/', 'webgpu'); // the paper methods' kernels on WebGPU: pinned, a fallback fails here

  // the tiny config, through the real controls. The MLP (Dense → BatchNorm blocks) has everything
  // these methods act on (BatchNorm for DAFT, anchored layers for SPD, block taps for FT-LP) and trains
  // many times faster than the ResNet on software WebGPU; one shift keeps every evaluation short
  await tinyConfig(page, { model: 'mlp-broad', steps: 6, evalEvery: 3 });

  // DAFT fixes the optimiser and says so where the optimiser is chosen
  await page.getByLabel('Method', { exact: true }).selectOption('daft');
  const optimizer = page.getByLabel('Optimizer', { exact: true });
  await expect(optimizer).toBeDisabled();
  await expect(optimizer).toHaveValue('sgd');
  await expect(optimizer).toHaveAccessibleDescription(/SGD, momentum 0\.9/);
  await expect(page.getByTestId('method-info').locator('.katex').first()).toBeVisible();

  // the modifiers, with their own settings; FT-LP is refused beside DAFT with the reason
  await page.getByLabel('SPD (selective projection decay)').check();
  await expect(page.getByLabel('SPD strength (λ)')).toHaveValue('1');
  await expect(page.getByLabel('FT-LP (pretrained feature prior)')).toBeDisabled();
  await expect(page.getByTestId('modifier-ftlp').locator('.modifier__why')).toContainText(/FT-LP freezes BatchNorm/);
  // an L2-SP toggle stays available with DAFT (no conflict), so no reason is shown
  await expect(page.getByTestId('modifier-l2sp').locator('.modifier__why')).toHaveCount(0);

  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  await train.click();
  await expect(page.getByTestId('run-method')).toHaveText(/DAFT\s*\+\s*SPD/);
  await expectStatus(page, ['completed', 'stopped'], 240_000);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
  console.log(`DAFT + SPD completed ${seconds()} s after page load`);

  // the diagnostics card: DAFT's conversion check, SPD's per-layer decay bars
  let card = page.getByTestId('method-diagnostics');
  await expect(card).toBeVisible();
  const check = card.getByTestId('diag-daft-check');
  await expect(check).toHaveAttribute('data-ok', 'true');
  await expect(check).toContainText(/BatchNorm conversion changed outputs by \S+ \(≈ 0 ✓\)/);
  const changed = Number(await check.getByTestId('diag-daft-value').textContent());
  expect(changed, 'DAFT conversion change').toBeLessThanOrEqual(1e-5);
  // one row per anchored layer (a share of 0 draws no bar: with DAFT's zero head the backbone barely moves in 6 steps)
  const decayLayers = (await card.getByTestId('diag-spd-decay').locator('.recharts-cartesian-axis-tick-value').allTextContents()).filter((t) => !t.endsWith('%'));
  expect(decayLayers.length, `one SPD decay row per anchored layer: ${decayLayers.join(', ')}`).toBeGreaterThan(3);
  await expect(card.getByTestId('diag-spd-distance').locator('path.recharts-line-curve').first()).toHaveAttribute('d', /^M[\d.,\s-]+L/);

  // FT with FT-LP (the reconstruction label on it): the learned variance per tap
  await page.getByLabel('Method', { exact: true }).selectOption('ft');
  await page.getByLabel('SPD (selective projection decay)').uncheck();
  await page.getByLabel('FT-LP (pretrained feature prior)').check();
  await expect(page.getByTestId('modifier-ftlp').locator('.modifier__head').getByTestId('reconstruction-badge')).toBeVisible();
  await train.click();
  await expect(page.getByTestId('run-method')).toHaveText(/FT\s*\+\s*FT-LP/);
  await expectStatus(page, ['completed', 'stopped'], 240_000);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed');
  console.log(`FT + FT-LP completed ${seconds()} s after page load`);
  card = page.getByTestId('method-diagnostics');
  const variance = card.getByTestId('diag-ftlp-variance');
  await expect(variance).toContainText('σ²');
  expect(await variance.locator('path.recharts-line-curve').count(), 'one σ² line per FT-LP tap').toBeGreaterThan(0);
  await expect(variance.locator('path.recharts-line-curve').first()).toHaveAttribute('d', /^M[\d.,\s-]+L/);
  await expect(page.getByTestId('summary-method')).toContainText('FT-LP');
  await expect(page.getByTestId('summary-method').getByTestId('reconstruction-badge')).toBeVisible();

  // WiSE-FT on the finished run: eleven mixtures, one point each
  const wise = page.getByTestId('wise-ft');
  await expect(wise).toHaveAttribute('data-state', 'idle');
  await wise.getByRole('button', { name: 'Compute WiSE-FT curve' }).click();
  await expect(wise.getByTestId('wise-ft-progress')).toBeVisible();
  await expect(wise).toHaveAttribute('data-state', /^(done|failed)$/, { timeout: 180_000 });
  await expect(wise.getByTestId('wise-ft-error')).toHaveCount(0);
  console.log(`WiSE-FT curve done ${seconds()} s after page load`);
  await expect(wise.getByTestId('wise-ft-point')).toHaveCount(11);
  await expect(wise.getByTestId('wise-ft-selected')).toHaveCount(1);

  // the slider picks a mixture and the numbers follow it
  const slider = page.getByRole('slider', { name: 'WiSE-FT mixing α' });
  await expect(page.getByTestId('wise-ft-alpha')).toHaveText('0.5');
  const atHalf = await readout(page);
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('wise-ft-alpha')).toHaveText('1');
  const atOne = await readout(page);
  await page.keyboard.press('Home');
  await expect(page.getByTestId('wise-ft-alpha')).toHaveText('0');
  const atZero = await readout(page);
  expect(new Set([atHalf, atOne, atZero]).size, `readouts: ${atZero} / ${atHalf} / ${atOne}`).toBe(3);
  // the distortion of α = 0 is that of the pretrained backbone itself
  expect(Number((await page.getByTestId('wise-ft-distortion').textContent())?.split(' ')[0])).toBeLessThan(1e-3);
  expect(pageErrors).toEqual([]);
});
