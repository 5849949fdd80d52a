/**
 * Evaluation beside training, in the real page: where the cores allow it (here the page is told it
 * has 2 cores), a run on wasm evaluates in a second worker of its own while it trains, and its
 * numbers — every evaluation, every See-inside point — are exactly those of the same run evaluating
 * in its training worker (the page told it has 1 core). The summary says which it did.
 * Pinned to wasm: evaluation beside training is for the CPU backends (asserted, so a silent
 * fallback cannot pass).
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { RunFile } from '../src/protocol/runFile';
import { expectStatus, openPage, tinyConfig } from './support/page';

async function runWithCores(page: Page, cores: number): Promise<{ run: RunFile['runs'][number]; summaryText: string; aside: string | null }> {
  await page.addInitScript((n) => { Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n, configurable: true }); }, cores);
  await openPage(page, '/', 'wasm');
  // resnet-broad: BatchNorm folded at evaluation, on both sides
  await tinyConfig(page, { model: 'resnet-broad', steps: 8, evalEvery: 2, oneShift: false });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(page, ['completed'], 180_000);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export run' }).click()]);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as RunFile;
  const summary = page.getByTestId('summary-eval');
  return { run: file.runs[0], summaryText: (await summary.innerText()).trim(), aside: await summary.getAttribute('data-aside') };
}

/** An evaluation's numbers (its timings aside), and See inside's. */
function numbers(run: RunFile['runs'][number]): { step: number }[] {
  return run.events.flatMap((e): { step: number }[] => {
    if (e.type === 'eval') { const { evalMs: _m, elapsedSec: _s, ...rest } = e.record; return [rest]; }
    return e.type === 'insight' ? [e.insight] : [];
  });
}

test('a run evaluates beside training where the cores allow, with exactly the numbers it has evaluating in its worker', async ({ page, context }) => {
  test.setTimeout(8 * 60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const beside = await runWithCores(page, 2);
  expect(beside.run.summary?.backend).toBe('wasm');
  expect(beside.run.summary?.evalAside).toBe(true);
  expect(beside.aside).toBe('true');
  expect(beside.summaryText).toMatch(/^evaluated beside training in a second worker \(\d\d:\d\d of its own\), training waited \d+ % of the time$/);

  const other = await context.newPage();
  other.on('pageerror', (e) => errors.push(e.message));
  const inWorker = await runWithCores(other, 1);
  expect(inWorker.run.summary?.evalAside).toBe(false);
  expect(inWorker.aside).toBeNull();
  expect(inWorker.summaryText).toMatch(/^\d+ % of the time spent evaluating$/);

  const a = numbers(beside.run);
  expect(a.filter((x) => 'idAcc' in x).map((x) => x.step)).toEqual([0, 2, 4, 6, 8]);
  expect(a).toEqual(numbers(inWorker.run));
  expect(errors).toEqual([]);
});
