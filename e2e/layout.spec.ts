/**
 * The first minutes of a teacher or a researcher (issue 14, problems 1, 3, 4, 5, 6, 10), in the real
 * page at the screen sizes they use: an embedded view gets the whole width, Train and the first
 * charts share the first screen, nothing scrolls sideways, the keyboard reaches Train at once and
 * keeps its focus, number fields say what is wrong, and "Train all in turn" keeps the user's changes.
 * Screenshots of each size go to test-results/layout/.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, expectStatus, openPage, tinyConfig, type } from './support/page';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/layout/${name}.png` });

/** Top and bottom of an element in CSS pixels of the viewport. */
async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} has no box`);
  return { top: b.y, bottom: b.y + b.height, left: b.x, right: b.x + b.width, width: b.width };
}

const sidewaysScroll = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

test('problem 1: an embedded view without the settings (hide=config, lock=1) gives the run the whole width', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  for (const path of ['/?hide=config', '/?hide=config&lock=1']) {
    await openPage(page, path);
    await expect(page.locator('.layout__side')).toHaveCount(0);
    const main = await box(page, '.layout__main');
    expect(main.width, `${path}: the run's column`).toBeGreaterThan(1250);
    await shot(page, `embed-${path.includes('lock') ? 'locked' : 'open'}`);
  }
});

test('problem 4: Train is on the first screen at every size; at 1280×720 the first charts too; the header fits and names the backend in full', async ({ page }) => {
  const errors = collectPageErrors(page);
  for (const [width, height] of [[1920, 1080], [1400, 1000], [1280, 720], [1024, 768], [800, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await openPage(page, '/');
    const train = await box(page, 'button:text-is("Train")');
    expect(train.bottom, `${width}×${height}: Train's bottom`).toBeLessThanOrEqual(height);
    if (width >= 1280) {
      const chart = await box(page, '[data-testid="chart-loss"], .charts .chart-card');
      expect(chart.top, `${width}×${height}: first chart's top`).toBeLessThan(height - 120);
    }
    // the header's actions stay inside the page: the badge and its reason are whole
    const badge = await box(page, '[data-testid="backend-badge"]');
    expect(badge.right, `${width}: badge`).toBeLessThanOrEqual(width);
    const reasonCut = await page.getByTestId('backend-reason').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(reasonCut, `${width}: the backend reason is cut`).toBe(false);
    expect(await page.locator('.app-header').evaluate((el) => el.scrollWidth - el.clientWidth), `${width}: header overflow`).toBeLessThanOrEqual(0);
    expect(await sidewaysScroll(page), `${width}: sideways scroll`).toBeLessThanOrEqual(0);
    await shot(page, `first-screen-${width}x${height}`);
  }
  expect(errors).toEqual([]);
});

test('problem 4: with a scenario open at 1280×720, its question, Train and the charts start on one screen; the settings fold into groups', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openPage(page, '/?preset=why-ft-hurts-ood');
  await expect(page.getByTestId('preset-text')).toBeVisible();
  expect((await box(page, '.preset__summary')).bottom).toBeLessThan(720);
  expect((await box(page, 'button:text-is("Train")')).bottom).toBeLessThan(720);
  // the settings are groups that fold; the advanced ones start folded
  const groups = page.locator('.config-panel details.settings-group');
  expect(await groups.count()).toBeGreaterThanOrEqual(5);
  await expect(page.locator('.config-panel details.settings-group:not([open])').first()).toBeAttached();
  // the advanced parts start folded: evaluation, the method's symbols and papers, your own model
  await expect(page.locator('details.settings-group[data-group="evaluation"]')).not.toHaveAttribute('open');
  await expect(page.locator('details.method-info__more').first()).not.toHaveAttribute('open');
  // folding every group leaves a short column: each group's heading is one line
  const summaries = page.locator('.config-panel details.settings-group[open] > summary');
  while (await summaries.count()) await summaries.first().click();
  const folded = await page.locator('.config-panel').evaluate((el) => el.scrollHeight);
  expect(folded, 'settings column with every group folded (px)').toBeLessThan(500);
  await shot(page, 'scenario-1280x720');
});

test('problem 5: no width from 360 px up scrolls sideways, the scenario table included; its rows stay short at 1400 px', async ({ page }) => {
  for (const width of [360, 414, 800, 1024, 1280, 1400, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await openPage(page, '/?preset=why-ft-hurts-ood');
    await expect(page.getByTestId('preset-measured')).toBeAttached();
    expect(await sidewaysScroll(page), `${width}: sideways scroll`).toBeLessThanOrEqual(0);
    if (width === 1400) {
      await page.getByTestId('preset-measured').evaluate((el) => (el.closest('details') as HTMLDetailsElement | null)?.setAttribute('open', ''));
      const table = page.locator('.preset__measured .preset__table');
      expect(await table.evaluate((el) => el.scrollWidth - (el.parentElement as HTMLElement).clientWidth), 'table wider than its box').toBeLessThanOrEqual(0);
      const tallest = await table.locator('tbody tr').evaluateAll((rows) => Math.max(...rows.map((r) => r.getBoundingClientRect().height)));
      expect(tallest, 'tallest row (px): at most three lines').toBeLessThan(80);
      await shot(page, 'scenario-table-1400');
    }
  }
});

test('problem 6: a skip link reaches Train, focus stays on the run controls after Train, charts are named, the lab import is labelled', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPage(page, '/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: /skip to train/i });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeFocused();

  // without the skip link, Train is a few presses away: the run controls come before the settings
  await page.reload();
  await openPage(page, '/');
  let presses = 0;
  for (; presses < 12; presses++) {
    await page.keyboard.press('Tab');
    if (await page.getByRole('button', { name: 'Train', exact: true }).evaluate((el) => el === document.activeElement)) break;
  }
  expect(presses + 1, 'Tab presses to Train').toBeLessThanOrEqual(8);

  await tinyConfig(page, { model: 'mlp-broad', steps: 4 });
  await page.getByRole('button', { name: 'Train', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[aria-label="Run controls"]') !== null), { message: 'focus stays in the run controls' }).toBe(true);
  await expectStatus(page, ['completed'], 120_000);
  expect(await page.evaluate(() => document.activeElement === document.body), 'focus on <body>').toBe(false);

  // every chart's svg has a name
  const charts = page.locator('svg.recharts-surface[role="application"]');
  expect(await charts.count()).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < await charts.count(); i++) await expect(charts.nth(i), `chart ${i} has no name`).toHaveAccessibleName(/\w{3,}/);

  // confusion cells: text contrast at least 4.5:1
  await page.getByRole('tab', { name: /This run/ }).click();
  const worst = await page.locator('.confusion td[style]').evaluateAll((cells) => {
    const lum = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.slice(0, 3).map(Number).map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return Math.min(...cells.map((c) => {
      const st = getComputedStyle(c);
      const [a, b] = [lum(st.color), lum(st.backgroundColor)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    }));
  });
  expect(worst, 'lowest contrast in the confusion matrix').toBeGreaterThanOrEqual(4.5);

  await page.getByRole('tab', { name: /Double-descent lab/ }).click();
  await expect(page.getByTestId('lab-import-input')).toHaveAccessibleName(/import/i);
});

test('problem 10: "0,001" gets a hint to use a decimal point, and an empty field says it is required', async ({ page }) => {
  await openPage(page, '/');
  const lr = page.getByLabel('Learning rate', { exact: true });
  await lr.fill('0,001');
  await expect(page.locator('#cfg-lr-error, [id$="lr-error"]').first()).toHaveText(/decimal point.*0\.001/);
  await lr.fill('');
  await expect(page.locator('#cfg-lr-error, [id$="lr-error"]').first()).toHaveText(/required/);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await lr.fill('0.001');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});

test('problem 3: "Train all in turn" trains the scenario\'s runs with the settings the user changed', async ({ page }) => {
  await openPage(page, '/?preset=why-ft-hurts-ood');
  // LP-FT's LP stage adds 150 steps: evaluate every 50, not every 2
  await tinyConfig(page, { model: 'mlp-broad', steps: 2, evalEvery: 50 });
  await expect(page.getByText(/Settings changed since picking this scenario/)).toBeVisible();
  await page.getByTestId('preset-run-all').click();
  // the settings keep the MLP, and every run of the three trains the 2 steps the user set
  await expect(page.getByLabel('Pretrained model', { exact: true })).toHaveValue('mlp-broad');
  const totals = new Set<string>();
  const seen = async () => {
    for (const t of await page.locator('.progress__text > span, .queue__meta').allTextContents()) {
      const m = /step \d+ \/ (\d+)/.exec(t);
      if (m) totals.add(m[1]);
    }
    return page.getByTestId('queue-panel').count();
  };
  await expect.poll(seen, { timeout: 300_000, intervals: [200] }).toBe(0);
  await expectStatus(page, ['completed'], 300_000);
  await seen();
  // no run trains the scenario's own hundreds of steps: FT and LP train the 2 steps (too quick to be
  // seen every time), LP-FT adds its LP stage before them, as the scenario does
  expect(totals.size, 'step counts seen').toBeGreaterThan(0);
  for (const t of totals) expect(Number(t), `a run of ${t} steps`).toBeLessThanOrEqual(152);
  // all three ran on the MLP the user picked (the Runs list names each run's model)
  await page.getByRole('tab', { name: /Runs/ }).click();
  await expect(page.getByTestId('history-model')).toHaveText(['mlp-broad', 'mlp-broad', 'mlp-broad']);
});

test('accessibility: axe finds no serious or critical violation in the main views', async ({ page }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  await page.setViewportSize({ width: 1280, height: 800 });
  const check = async (view: string) => {
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${view}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    return bad;
  };
  await openPage(page, '/?preset=why-ft-hurts-ood');
  const found = [...await check('main view with a scenario')];
  await tinyConfig(page, { model: 'mlp-broad', steps: 2 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, ['completed'], 120_000);
  found.push(...await check('after a run'));
  for (const tab of ['Compare', 'Runs', 'Double-descent lab']) {
    await page.getByRole('tab', { name: new RegExp(tab) }).click();
    found.push(...await check(tab));
  }
  await type(page, 'Learning rate', 'abc');
  found.push(...await check('with an invalid field'));
  expect(found).toEqual([]);
});

test('problem 2: the page says how long a run and a scenario\'s "Train all" will take before they start, and learns from a finished run', async ({ page }) => {
  await openPage(page, '/?preset=why-ft-hurts-ood');
  await expect(page.getByTestId('run-estimate')).toHaveText(/This run ≈ \d.*(s|min|h) here \(a guess\)/);
  await expect(page.getByTestId('run-estimate')).toHaveAttribute('title', /rough guess/);
  await expect(page.getByTestId('preset-run-all-estimate')).toHaveText(/≈ \d.*(s|min|h) here/);
  await tinyConfig(page, { model: 'mlp-broad', steps: 4 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, ['completed'], 120_000);
  // the next estimate rests on the run that just finished here
  await expect(page.getByTestId('run-estimate')).toHaveText(/here \(measured\)/);
  await expect(page.getByTestId('run-estimate')).toHaveAttribute('title', /measured here: 1 finished run/);
});
