/**
 * Several runs end to end on the backend the page picks: compare two methods × two seeds through the real
 * controls (queued, two at once), read the results table, save the fine-tuned network;
 * reload and find the runs in the history (IndexedDB) and compare them again from there; export
 * them, import the file back and see the imported runs beside the local ones (a hostile name shown
 * as text). Then the import's refusals, each with its own message, and the banner when the
 * browser keeps no history.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { openPage, tinyConfig } from './support/page';

async function saved(download: Download): Promise<string> {
  return readFile((await download.path())!, 'utf8');
}

/** Waits until every results row counts `n` seeds; fails at once with the row's note if a run failed or diverged. */
async function expectRows(page: Page, rows: number, n: number, timeout: number): Promise<void> {
  const counts = page.getByTestId('results-n');
  await expect.poll(async () => {
    const notes = await page.locator('.results__note').allTextContents();
    const bad = notes.find((t) => /failed|diverged|stopped|interrupted/.test(t));
    if (bad) return `a run did not complete: ${bad}`;
    return (await counts.allTextContents()).join(',');
  }, { timeout, intervals: [1000] }).toBe(Array(rows).fill(String(n)).join(','));
}

test('compare FT and LP × 2 seeds, keep them across a reload, export and import them', async ({ page }, testInfo) => {
  test.setTimeout(6 * 60_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  await openPage(page);
  // long enough that the queue is seen before the first runs end
  await tinyConfig(page, { model: 'mlp-broad', steps: 40 });

  await test.step('compare two methods × two seeds', async () => {
    await page.getByTestId('tab-compare').click();
    const setup = page.getByTestId('compare-setup');
    await setup.getByRole('button', { name: 'clear' }).click();
    await page.getByTestId('compare-method-ft').check();
    await page.getByTestId('compare-method-lp').check();
    await page.getByTestId('compare-seeds-2').click();
    await expect(setup).toContainText('4 runs: FT, LP × 2 seeds');
    await setup.getByLabel('Runs at once').selectOption('2');
    await page.getByTestId('compare-button').click();
    // the queue: two training side by side, two waiting, each removable
    const queue = page.getByTestId('queue-panel');
    await expect(queue.getByTestId('queue-item')).toHaveCount(4);
    await expect(queue.locator('[data-state=training]')).toHaveCount(2);
    await expect(queue.locator('[data-state=training]').first()).toContainText('FT · seed 0');
    await expect(queue.getByTestId('queue-remove')).toHaveCount(2);
    await expect(page.getByTestId('results-row')).toHaveCount(2);

    await expectRows(page, 2, 2, 280_000);
    console.log(`4 runs compared after ${at()}`);
    await expect(page.getByTestId('queue-panel')).toHaveCount(0);
    await expect(page.getByTestId('results-label')).toHaveText(['FT (current settings)', 'LP · lr 0.01']);
    const firstRow = page.getByTestId('results-row').first();
    await expect(firstRow.locator('td').nth(1).locator('.results__value')).toHaveText(/^\d{1,3}\.\d ± \d{1,3}\.\d %$/);
    // the charts overlay both methods: a mean line each, and a band across the two seeds
    const loss = page.getByTestId('compare-loss');
    await expect(loss.locator('path.recharts-line-curve')).toHaveCount(2);
    await expect(loss.locator('.recharts-area-area').first()).toHaveAttribute('d', /^M/);
    await expect(page.getByTestId('compare-id').locator('.recharts-legend-item')).toHaveText(['FT (current settings)', 'LP · lr 0.01']);

    await expect(page.getByTestId('selection-rule')).toContainText('Model selection: last step.');
    await page.getByRole('button', { name: 'best ID validation' }).click();
    await expect(page.getByTestId('selection-rule')).toContainText('Model selection: best ID validation.');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('results-csv').click()]);
    const lines = (await saved(csv)).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^FT \(current settings\),best ID validation,2,0 1,/);

    const [svg] = await Promise.all([page.waitForEvent('download'), loss.getByRole('button', { name: 'SVG' }).click()]);
    expect(await saved(svg)).toMatch(/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*Training loss[\s\S]*LP · lr 0\.01/);
    const [png] = await Promise.all([page.waitForEvent('download'), loss.getByRole('button', { name: 'PNG' }).click()]);
    expect((await readFile((await png.path())!)).subarray(1, 4).toString()).toBe('PNG');
  });

  await test.step('save the last run’s fine-tuned network', async () => {
    await page.getByTestId('tab-run').click();
    await expect(page.getByTestId('focus-label')).toHaveText('LP · lr 0.01 · seed 1');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByTestId('download-model').click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
    const [json, bin] = downloads;
    expect(json.suggestedFilename()).toMatch(/^lp-lr-0-01-seed-1-.*\.model\.json$/);
    const model = JSON.parse(await saved(json));
    expect(model.format).toBe('layers-model');
    expect(model.weightsManifest[0].paths).toEqual([bin.suggestedFilename()]);
    expect(model.userDefinedMetadata.fineTuningPlayground.config.method.kind).toBe('lp');
  });

  await test.step('reload: the runs are in the history', async () => {
    await openPage(page);
    await page.getByTestId('tab-history').click();
    const rows = page.getByTestId('history-row');
    await expect(rows).toHaveCount(4);
    await expect(page.getByTestId('history-label')).toHaveText(['LP · lr 0.01 · seed 1', 'FT · seed 1', 'LP · lr 0.01 · seed 0', 'FT · seed 0']);
    await expect(rows.locator('[data-status=completed]')).toHaveCount(4);
    await page.getByRole('checkbox', { name: 'Select all runs' }).check();
    await page.getByTestId('history-compare').click();
    await expectRows(page, 2, 2, 10_000);
  });

  await test.step('export, then import the file: imported runs beside the local ones, names as text', async () => {
    await page.getByTestId('tab-history').click();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export-all').click()]);
    const file = JSON.parse(await saved(exported));
    expect(file.schema).toBe('ftp-runs');
    expect(file.version).toBe(1);
    expect(file.runs).toHaveLength(4);
    // a name that would run script if it were ever treated as HTML
    const evil = '<img src=x onerror="window.__xss=1">';
    file.runs[0].label = evil;
    const path = testInfo.outputPath('runs.json');
    await writeFile(path, JSON.stringify(file));
    await page.getByTestId('import-input').setInputFiles(path);
    await expect(page.getByTestId('import-notice')).toHaveText(/^Imported 4 runs from runs\.json/);
    await expect(page.getByTestId('history-row')).toHaveCount(8);
    await expect(page.locator('[data-testid=history-row][data-origin=imported]')).toHaveCount(4);
    await expect(page.locator('[data-testid=history-row][data-origin=local]')).toHaveCount(4);
    await expect(page.getByTestId('history-label').filter({ hasText: evil })).toHaveCount(1);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // an imported run opens on the charts like a local one
    await page.locator('[data-testid=history-row][data-origin=imported]').filter({ hasText: 'FT · seed 1' }).getByTestId('history-open').click();
    await expect(page.getByTestId('focus-bar')).toContainText('imported');
    await expect(page.getByTestId('chart-loss').locator('path.recharts-line-curve').first()).toHaveAttribute('d', /^M[\d.,\s-]+L/);
  });
  console.log(`whole test ${at()}`);
  expect(pageErrors).toEqual([]);
});

test('runs side by side give exactly the numbers they give one after another', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await openPage(page);
  await tinyConfig(page, { model: 'mlp-broad', steps: 12, evalEvery: 6 });
  const numbers = async (parallel: string) => {
    await page.getByTestId('tab-compare').click();
    const setup = page.getByTestId('compare-setup');
    await setup.getByRole('button', { name: 'clear' }).click();
    await page.getByTestId('compare-method-ft').check();
    await page.getByTestId('compare-method-lp').check();
    await page.getByTestId('compare-seeds-2').click();
    await setup.getByLabel('Runs at once').selectOption(parallel);
    await expect(page.getByTestId('parallel-runs').first()).toHaveAttribute('data-runs', parallel);
    await page.getByTestId('compare-button').click();
    let most = 0;
    await expect.poll(async () => {
      most = Math.max(most, await page.locator('[data-testid=queue-item][data-state=training]').count());
      return (await page.getByTestId('results-n').allTextContents()).join(',');
    }, { timeout: 180_000, intervals: [200] }).toBe('2,2');
    // every cell but the run time
    const rows = await page.getByTestId('results-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, -1).map((td) => td.textContent)));
    return { most, rows };
  };
  const oneByOne = await numbers('1');
  const sideBySide = await numbers('2');
  expect(oneByOne.most).toBe(1);
  expect(sideBySide.most).toBe(2);
  expect(sideBySide.rows).toEqual(oneByOne.rows);
  expect(oneByOne.rows.flat().join(' ')).toMatch(/\d+\.\d ± \d+\.\d %/);
});

test('a corrupted or hostile import is refused with a message naming the problem', async ({ page }, testInfo) => {
  await openPage(page);
  await page.getByTestId('tab-history').click();
  const notice = page.getByTestId('import-notice');
  const input = page.getByTestId('import-input');
  const cases: { name: string; body: string | Buffer; message: RegExp }[] = [
    { name: 'broken.json', body: '{"schema":"ftp-runs","version":1,"runs":[{"config":', message: /^broken\.json is not valid JSON \(/ },
    { name: 'other.json', body: '{"schema":"something-else","runs":[]}', message: /^other\.json is not a Fine-Tuning Playground runs file: "schema" is "something-else"/ },
    { name: 'deep.json', body: `${'['.repeat(5000)}${']'.repeat(5000)}`, message: /^deep\.json is nested more than 32 levels deep/ },
    { name: 'shape.json', body: '{"schema":"ftp-runs","version":1,"runs":[{"config":{},"events":[],"summary":null}]}', message: /^shape\.json does not have the shape of a runs file: runs\[0\]\.config\./ },
    { name: 'big.json', body: Buffer.alloc(51 * 1024 * 1024, 32), message: /^big\.json is 51 MB; files up to 50 MB can be imported/ },
  ];
  for (const c of cases) {
    const path = testInfo.outputPath(c.name);
    await writeFile(path, c.body);
    await input.setInputFiles(path);
    await expect(notice).toHaveAttribute('data-tone', 'error');
    await expect(notice).toHaveText(c.message);
  }
  await expect(page.getByTestId('history-row')).toHaveCount(0);
});

test('without IndexedDB the page says plainly that history will not be kept', async ({ page }) => {
  // a private window: opening the database fails
  await page.addInitScript(() => {
    const refuse = () => {
      const request: { error?: DOMException; onerror?: () => void; onsuccess?: () => void } = {};
      setTimeout(() => { request.error = new DOMException('storage is not allowed here', 'InvalidStateError'); request.onerror?.(); }, 0);
      return request;
    };
    Object.defineProperty(window, 'indexedDB', { value: { open: refuse, deleteDatabase: refuse }, configurable: true });
  });
  await openPage(page);
  await expect(page.getByTestId('history-off')).toHaveText(/^Run history is off: this browser does not let the page store data \(a private window/);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
});
