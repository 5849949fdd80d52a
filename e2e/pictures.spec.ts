/**
 * Pictures of what each method changes, in the real page: the diagram of the chosen model's blocks
 * follows the method, the modifiers and k (LP, DAFT, SPD, Frozen-2), with a legend and the same in
 * words; and See inside's scatter replays the run's evaluations (slider and play). Both pass an
 * axe check (no serious or critical violation).
 * Screenshots at 1280×720 go to test-results/pictures-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, expectStatus, openPage, tinyConfig, type } from './support/page';

const diagram = (page: Page) => page.getByTestId('method-diagram');
/** Serious or critical accessibility violations inside `selector` (axe-core). */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

/** The marks of each block box of a stage, in order ("trained converted", …), then the head's. */
async function stageMarks(page: Page, stage: string): Promise<{ blocks: string[]; head: string }> {
  const s = diagram(page).locator(`[data-testid=diagram-stage][data-stage="${stage}"]`);
  return {
    blocks: await s.getByTestId('diagram-block').evaluateAll((els) => els.map((e) => e.getAttribute('data-marks') ?? '')),
    head: (await s.getByTestId('diagram-head').getAttribute('data-marks')) ?? '',
  };
}

test.use({ viewport: { width: 1280, height: 720 } });

test('the method diagram follows the method, the regularisers and k', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openPage(page);
  await page.getByLabel('Pretrained model', { exact: true }).selectOption('mlp-broad');
  const method = page.getByLabel('Method', { exact: true });

  // FT: every block trains; WiSE-FT can blend them afterwards
  await expect(diagram(page).getByTestId('diagram-block')).toHaveCount(6); // 3 blocks × (FT, WiSE-FT)
  await expect(diagram(page)).toContainText('What FT changes in MLP · broad source');
  expect(await stageMarks(page, 'FT')).toEqual({ blocks: ['trained', 'trained', 'trained'], head: 'trained' });
  // the card's block names
  await expect(diagram(page).locator('[data-stage="FT"] [data-testid=diagram-block]').first()).toHaveAttribute('data-block', 'fc1');

  // LP: all blocks frozen but the head; no WiSE-FT stage
  await method.selectOption('lp');
  await expect(diagram(page).getByTestId('diagram-stage')).toHaveCount(1);
  expect(await stageMarks(page, 'LP')).toEqual({ blocks: ['frozen', 'frozen', 'frozen'], head: 'trained' });
  const drawing = diagram(page).getByTestId('method-diagram-drawing');
  await expect(drawing).toHaveAttribute('role', 'img');
  await expect(drawing).toHaveAttribute('aria-label', 'LP: all blocks frozen; new head trains.');
  await expect(diagram(page).getByRole('list', { name: 'Legend' })).toHaveText(/frozen.*trains/);
  await diagram(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/pictures-diagram-lp.png' });

  // DAFT: every block's BatchNorm converted, everything trains; SPD projects the backbone
  await method.selectOption('daft');
  expect(await stageMarks(page, 'DAFT')).toEqual({ blocks: Array(3).fill('trained converted'), head: 'trained' });
  await page.getByRole('checkbox', { name: 'SPD (selective projection decay)' }).check();
  expect(await stageMarks(page, 'DAFT')).toEqual({ blocks: Array(3).fill('trained converted projected'), head: 'trained' });
  await expect(diagram(page).getByRole('list', { name: 'Legend' })).toContainText('BatchNorm converted to target statistics');
  await expect(diagram(page).getByRole('list', { name: 'Legend' })).toContainText('SPD projects updates back toward θ₀');
  await diagram(page).getByText('In words').click();
  await expect(diagram(page).getByTestId('method-diagram-text')).toContainText('fc1, fc2 and fc3: SPD projects updates back toward θ₀');
  await diagram(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/pictures-diagram-daft-spd.png' });
  expect(await seriousViolations(page, '[data-testid=method-diagram]')).toEqual([]);

  // Frozen-k with k = 2: the first two blocks frozen, SPD only where weights train
  await method.selectOption('frozen-k');
  await type(page, 'Frozen blocks (k)', '2');
  expect(await stageMarks(page, 'Frozen-2')).toEqual({ blocks: ['frozen', 'frozen', 'trained projected'], head: 'trained' });
  expect(await stageMarks(page, 'WiSE-FT')).toEqual({ blocks: ['frozen', 'frozen', 'interpolated'], head: 'interpolated' });
  await type(page, 'Frozen blocks (k)', '1');
  expect((await stageMarks(page, 'Frozen-1')).blocks).toEqual(['frozen', 'trained projected', 'trained projected']);
  await diagram(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/pictures-diagram-frozen.png' });

  // the most crowded picture: ResNet's four blocks, LP-FT's two stages, three regularisers
  await page.getByLabel('Pretrained model', { exact: true }).selectOption('resnet-broad');
  await method.selectOption('lp-ft');
  await page.getByRole('checkbox', { name: 'L2-SP (stay near the start point)' }).check();
  await page.getByRole('checkbox', { name: 'FT-LP (pretrained feature prior)' }).check();
  expect(await stageMarks(page, 'LP')).toEqual({ blocks: Array(4).fill('frozen'), head: 'trained' });
  expect(await stageMarks(page, 'FT')).toEqual({ blocks: Array(4).fill('trained bn-fixed projected l2sp prior'), head: 'trained' });
  await expect(diagram(page).locator('[data-stage="FT"] [data-testid=diagram-block]').first()).toHaveAttribute('data-block', 'stem');
  await diagram(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/pictures-diagram-resnet-lpft.png' });

  // LEVI: the network frozen, its last K = 2 block outputs feed the ensemble
  await method.selectOption('levi');
  expect(await stageMarks(page, 'LEVI')).toEqual({ blocks: ['frozen', 'frozen', 'frozen tap', 'frozen tap'], head: 'trained' });
  await expect(diagram(page).getByTestId('diagram-band')).toHaveText(['LEVI taps']);
  await diagram(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/pictures-diagram-levi.png' });
  expect(errors).toEqual([]);
});

test('the scatter replays the run\'s evaluations: it follows the latest unless moved, slider back to step 0 and forward, and play', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const errors = collectPageErrors(page);
  await openPage(page);
  // 120 steps, evaluated at 0, 40, 80 and 120: long enough to be still training after the second evaluation
  await tinyConfig(page, { model: 'mlp-broad', steps: 120, evalEvery: 40 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();

  const scatter = page.getByTestId('inside-scatter');
  const range = scatter.getByRole('slider');
  /** Centres of the markers of a layer (circles: ID, squares: OOD), in point order. */
  const centres = (layer: string) => scatter.getByTestId(layer).locator('circle, rect').evaluateAll((els) => els.map((e) => {
    const n = (a: string) => Number(e.getAttribute(a));
    return e.tagName === 'circle' ? [n('cx'), n('cy')] : [n('x') + n('width') / 2, n('y') + n('height') / 2];
  }));
  const points = () => centres('scatter-current');
  const where = scatter.getByTestId('replay-where');

  // while the run trains the replay follows the latest evaluation…
  await expect(where).toHaveText(/^2 \/ 2 · following the latest$/, { timeout: 200_000 });
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-status', 'completed');
  // …until the user moves it: back to step 0, where it stays while evaluations arrive
  await range.focus();
  await page.keyboard.press('Home');
  await expectStatus(page, ['completed'], 200_000);
  await expect(where).toHaveText('1 / 4');
  await expect(range).toHaveAccessibleName('Evaluation at step 0');

  // End: the last evaluation, following the latest again
  await page.keyboard.press('End');
  await expect(range).toHaveAccessibleName('Evaluation at step 120');
  await expect(where).toHaveText('4 / 4 · following the latest');
  await expect(scatter).toContainText('solid: step 120');
  const atEnd = await points();
  expect(atEnd.length).toBeGreaterThan(0);

  // keyboard: Home goes to the step-0 evaluation, where the network is still the pretrained one
  await range.focus();
  await page.keyboard.press('Home');
  await expect(range).toHaveAccessibleName('Evaluation at step 0');
  await expect(scatter.getByTestId('replay-where')).toHaveText('1 / 4');
  await expect(scatter).toContainText('solid: step 0');
  const atStart = await points();
  expect(atStart).not.toEqual(atEnd);
  // before any step the network is the pretrained one: the solid points sit on the faint ones (to float rounding)
  const faint = await centres('scatter-pretrained');
  expect(faint).toHaveLength(atStart.length);
  const off = Math.max(...atStart.map(([x, y], i) => Math.hypot(x - faint[i][0], y - faint[i][1])));
  expect(off).toBeLessThan(0.5);
  // and at step 120 they have moved
  expect(Math.max(...atEnd.map(([x, y], i) => Math.hypot(x - faint[i][0], y - faint[i][1])))).toBeGreaterThan(1);
  await scatter.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/pictures-replay-step0.png' });

  // one step right: step 40
  await page.keyboard.press('ArrowRight');
  await expect(range).toHaveAccessibleName('Evaluation at step 40');
  await expect(scatter.getByTestId('replay-where')).toHaveText('2 / 4');
  // End: back to the latest, the same points as before
  await page.keyboard.press('End');
  await expect(range).toHaveAccessibleName('Evaluation at step 120');
  await expect(scatter.getByTestId('replay-where')).toHaveText('4 / 4 · following the latest');
  expect(await points()).toEqual(atEnd);

  // play from the end starts over at step 0 and runs to the last evaluation
  const play = scatter.getByTestId('replay-play');
  await play.click();
  await expect(play).toHaveText(/Pause/);
  await expect(range).toHaveAccessibleName('Evaluation at step 0', { timeout: 5_000 });
  await expect(range).toHaveAccessibleName('Evaluation at step 80', { timeout: 10_000 });
  await expect(range).toHaveAccessibleName('Evaluation at step 120', { timeout: 10_000 });
  await expect(play).toHaveText(/Play/, { timeout: 10_000 });
  await expect(scatter.getByTestId('replay-where')).toHaveText('4 / 4 · following the latest');
  expect(await points()).toEqual(atEnd);
  await scatter.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/pictures-replay-end.png' });
  expect(await seriousViolations(page, '[data-testid=scatter-replay]')).toEqual([]);
  expect(errors).toEqual([]);
});
