/**
 * Reliability of runs on the page's backend (WebGPU pinned where the GPU device is the subject), issue 8: a diverging run in a queue (with storage full), a
 * killed worker and a reload mid-run, a lost GPU device and Stop/Start hammered, two tabs at once.
 * Every run is the tiny mlp-broad config; rows share page loads to keep the suite short.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectForeignRequests, collectPageErrors, expectBackend, expectStatus, openPage, tinyConfig, type } from './support/page';
import { patchTrainingWorker, trainingWorkers } from './support/trainingWorker';

const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const stopButton = (page: Page) => page.getByRole('button', { name: 'Stop', exact: true });
const statusLine = (page: Page) => page.getByTestId('run-status');

/** Waits until the run in view has trained at least one step (its kernels are compiled). */
async function pastFirstStep(page: Page): Promise<void> {
  const progress = page.getByRole('progressbar', { name: 'Training progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThan(0);
  await expect(statusLine(page)).toHaveAttribute('data-status', 'training');
}

/** The status words of the runs list (Runs tab), sorted: order-free counts of how runs ended. */
async function historyStatuses(page: Page): Promise<string[]> {
  const words = await page.getByTestId('history-row').locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
  return words.sort();
}

test('learning rate 10 diverges "at step N" with its charts kept, the queued run after it completes; storage full keeps runs in memory', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const errors = collectPageErrors(page);
  await page.addInitScript(() => {
    // the disk is full: writing a run record aborts its transaction with QuotaExceededError, as a
    // full IndexedDB does; the history's tiny startup probe (a number) still fits
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (!value || typeof value !== 'object') return put.call(this, value, key);
      const tx = this.transaction;
      Object.defineProperty(tx, 'error', { value: new DOMException('simulated: quota exceeded', 'QuotaExceededError') });
      tx.abort();
      return {} as IDBRequest<IDBValidKey>;
    };
  });
  await openPage(page);
  await tinyConfig(page, { model: 'mlp-broad', steps: 6 });
  await type(page, 'Learning rate', '10');

  // FT at lr 10, then LP at its own suggested rate, queued one after the other
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-setup').getByRole('button', { name: 'clear' }).click();
  await page.getByTestId('compare-method-ft').check();
  await page.getByTestId('compare-method-lp').check();
  await page.getByTestId('compare-seeds-1').click();
  await page.getByTestId('compare-button').click();

  await expect(page.getByTestId('history-off')).toHaveText(/^Run history is off: the browser’s storage for this page is full\./);
  await page.getByTestId('tab-history').click();
  await expect.poll(() => historyStatuses(page), { timeout: 180_000, intervals: [1000] }).toEqual(['completed', 'diverged']);

  // the diverged run: its step, the engine's reason, and the loss curve up to there
  await page.getByTestId('history-row').filter({ has: page.locator('[data-status=diverged]') }).getByTestId('history-open').click();
  await expect(statusLine(page)).toHaveAttribute('data-status', 'diverged');
  await expect(statusLine(page)).toHaveText(/diverged at step [1-6]: the loss (reached|is not finite)/);
  await expect(page.getByTestId('chart-loss').locator('path.recharts-line-curve').first()).toHaveAttribute('d', /^M/);
  // the run after it trained every step, though the one before it diverged
  await page.getByTestId('tab-history').click();
  await page.getByTestId('history-row').filter({ has: page.locator('[data-status=completed]') }).getByTestId('history-open').click();
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toHaveAttribute('aria-valuenow', '6');
  await expect(trainButton(page)).toBeEnabled();
  expect(errors).toEqual([]);
});

/**
 * Destroys the worker's GPU device right after the first losses of a run of `steps` steps arrive
 * (TF.js's device, caught as it is created); runs of any other length are left alone.
 */
const destroyDeviceOnRunOf = (steps: number) => `{
  let device = null, armed = false;
  const requestDevice = GPUAdapter.prototype.requestDevice;
  GPUAdapter.prototype.requestDevice = async function (...args) { device = await requestDevice.apply(this, args); return device; };
  self.addEventListener('message', (e) => { const r = e.data?.request; if (r?.type === 'start' && r.config?.duration?.value === ${steps}) armed = true; });
  const post = self.postMessage.bind(self);
  self.postMessage = (m, transfer) => {
    post(m, transfer);
    if (armed && m?.kind === 'stream' && m.events.some((ev) => ev.type === 'steps')) { armed = false; device?.destroy(); }
  };
}`;

test('a lost GPU device stops its run with a message; Stop/Start pressed 20 times leaves one worker and no zombie runs; the page still trains', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  const errors = collectPageErrors(page);
  await patchTrainingWorker(page, destroyDeviceOnRunOf(300));
  await openPage(page, '/', 'webgpu'); // device loss is WebGPU's: pinned, and asserted below
  await tinyConfig(page, { model: 'mlp-broad', steps: 300, evalEvery: 300 });
  await trainButton(page).click();
  await expect(statusLine(page)).toHaveAttribute('data-status', 'failed', { timeout: 120_000 });
  await expect(statusLine(page)).toContainText(/failed: the GPU device was lost \(destroyed.*\), so the run stopped; press Train to start again on a fresh device$/);
  await expect(trainButton(page)).toBeEnabled();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');

  // Train/Stop pressed 20 times in a row, one press per task (Playwright's own clicks wait for
  // stable layout, seconds each on this machine); a stop before the first step ends its worker at once
  const presses = await page.evaluate(async () => {
    const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
    const next = () => new Promise((r) => setTimeout(r, 0));
    const started = performance.now();
    let trains = 0;
    for (let i = 0; i < 20; i++) {
      if (!button('Train').disabled) trains++;
      button('Train').click();
      await next();
      button('Stop').click();
      await next();
    }
    return { trains, ms: Math.round(performance.now() - started) };
  });
  console.log(`20 × Train/Stop took ${presses.ms} ms`);
  expect(presses.trains, 'Train was enabled again right after each Stop').toBe(20);
  await expect(stopButton(page)).toBeDisabled();
  await expect(statusLine(page)).toHaveAttribute('data-status', 'stopped');
  await page.getByTestId('tab-history').click();
  await expect.poll(() => historyStatuses(page)).toEqual(['failed', ...Array(20).fill('stopped')]);
  // only the warmed-up worker for the next run is alive: the 21 ended runs left none behind
  await expect.poll(() => trainingWorkers(page).length, { timeout: 10_000 }).toBe(1);

  // and a run still trains on a fresh device, in the one live worker
  await page.getByTestId('tab-run').click();
  await type(page, 'Duration', '200'); // not 300: that run length has its device destroyed
  await trainButton(page).click();
  await pastFirstStep(page);
  expect(trainingWorkers(page)).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('two tabs train at once and share one history; a killed worker fails its run within a second; a reload mid-run keeps the rest and marks the cut run interrupted', async ({ page, context, baseURL }) => {
  test.setTimeout(5 * 60_000);
  const other = await context.newPage();
  const errors = [page, other].map(collectPageErrors);
  const foreign = [page, other].map((p) => collectForeignRequests(p, baseURL!));
  for (const [tab, seed] of [[page, '0'], [other, '1']] as const) {
    await openPage(tab);
    await tinyConfig(tab, { model: 'mlp-broad', steps: 3 });
    await type(tab, 'Seed', seed);
  }

  // two tabs at once: both train, and each lists the other's run beside its own
  await Promise.all([trainButton(page).click(), trainButton(other).click()]);
  await Promise.all([expectStatus(page, ['completed'], 180_000), expectStatus(other, ['completed'], 180_000)]);
  const finishedAcc = await page.getByTestId('metric-id-acc').textContent();
  const ids = async (tab: Page) => (await tab.getByTestId('history-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')))).sort();
  for (const tab of [page, other]) {
    await tab.getByTestId('tab-history').click();
    await expect.poll(() => historyStatuses(tab), { timeout: 10_000 }).toEqual(['completed', 'completed']);
  }
  const both = await ids(page);
  expect(await ids(other)).toEqual(both);
  const mine = await page.locator('[data-testid=history-row].history__row--focused').getAttribute('data-run-id');
  await page.getByTestId('tab-run').click();

  // the worker ends without a word (as when the browser kills it): no error event reaches the page
  await type(page, 'Duration', '300');
  await type(page, 'Evaluate every (steps)', '300');
  await page.evaluate(() => {
    const w = window as unknown as { __failedAt: number };
    w.__failedAt = 0;
    new MutationObserver(() => {
      if (!w.__failedAt && document.querySelector('[data-testid=run-status]')?.getAttribute('data-status') === 'failed') w.__failedAt = Date.now();
    }).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  await trainButton(page).click();
  await pastFirstStep(page);
  const running = trainingWorkers(page);
  expect(running, 'one worker: the finished run’s was released when this run started').toHaveLength(1);
  const killedAt = Date.now();
  await running[0].evaluate('self.close()').catch(() => undefined);
  await expect(statusLine(page)).toHaveAttribute('data-status', 'failed', { timeout: 5_000 });
  const noticedMs = (await page.evaluate(() => (window as unknown as { __failedAt: number }).__failedAt)) - killedAt;
  console.log(`killed worker noticed after ${noticedMs} ms`);
  expect(noticedMs).toBeLessThan(1000);
  await expect(statusLine(page)).toContainText('the training worker stopped unexpectedly');

  // a new run starts cleanly on a fresh worker; the page is reloaded while it trains
  await trainButton(page).click();
  await pastFirstStep(page);
  await page.reload();
  await expectBackend(page);
  await page.getByTestId('tab-history').click();
  await expect.poll(() => historyStatuses(page), { timeout: 10_000 }).toEqual(['completed', 'completed', 'failed', 'interrupted']);
  expect((await ids(page)).filter((id) => both.includes(id))).toEqual(both);
  const interrupted = page.getByTestId('history-row').filter({ has: page.locator('[data-status=interrupted]') });
  await interrupted.getByTestId('history-open').click();
  await expect(statusLine(page)).toContainText(/interrupted at step \d+: the page was reloaded or closed while it trained/);
  // a finished run reads back as it was
  await page.getByTestId('tab-history').click();
  await page.locator(`[data-testid=history-row][data-run-id="${mine}"]`).getByTestId('history-open').click();
  await expect(page.getByTestId('metric-id-acc')).toHaveText(finishedAcc!);
  await expect(page.getByTestId('chart-loss').locator('path.recharts-line-curve').first()).toHaveAttribute('d', /^M[\d.,\s-]+L/);
  expect(errors.flat()).toEqual([]);
  expect(foreign.flat(), 'requests to other hosts').toEqual([]);
});

