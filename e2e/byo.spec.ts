/**
 * Bring your own model on the built page, on the backend it picks: broken models are refused with their own
 * reason (from files and from a URL), then a small CNN is uploaded, its findings shown, its split
 * point moved, and it fine-tunes 3 steps to completion. Files never leave the page.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { openPage, tinyConfig } from './support/page';

const FIXTURES = resolve('test-results/byo-fixtures');
const fixture = (name: string, ...files: string[]) => files.map((f) => join(FIXTURES, name, f));

test.beforeAll(() => {
  // TF.js in Node writes the models (seconds); nothing is committed
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/fixtures/byoFixtures.ts', FIXTURES], { stdio: 'inherit' });
});

test('user models: broken ones are named, a CNN is inspected, re-split and fine-tuned', async ({ page, baseURL }) => {
  test.setTimeout(6 * 60_000);
  const started = Date.now();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // the uploaded bytes go to the worker only: no request may carry a body or leave the origin
  const outgoing: string[] = [];
  const home = new URL(baseURL!).host;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() !== 'GET' || ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== home)) outgoing.push(`${r.method()} ${r.url()}`);
  });

  await openPage(page);

  await page.locator('summary', { hasText: 'Add your own model' }).click();
  const files = page.getByLabel('Model files (model.json and .bin weights)');
  const error = page.getByTestId('byo-error');
  const modelSelect = page.getByLabel('Pretrained model', { exact: true });
  const modelBefore = await modelSelect.inputValue();

  // 1. a layer class TF.js does not have: named with its layer
  await files.setInputFiles(fixture('unknown-layer', 'model.json', 'weights.bin'));
  await expect(error).toHaveAttribute('data-code', 'unknown-layer');
  await expect(error).toContainText('layer "res_conv2" is a FancyConv2D');
  // 2. a truncated weight file
  await files.setInputFiles(fixture('weights-size', 'model.json', 'group1-shard1of1.bin'));
  await expect(error).toHaveAttribute('data-code', 'weights-size');
  await expect(error).toContainText('group1-shard1of1.bin holds');
  // 3. from a URL whose weight file is missing (served by the test, same origin)
  await page.route('**/byo-remote/cnn/**', (route) => {
    const url = route.request().url();
    if (url.endsWith('/model.json')) return route.fulfill({ body: readFileSync(join(FIXTURES, 'cnn', 'model.json')), contentType: 'application/json' });
    return route.fulfill({ status: 404, body: 'not here' });
  });
  await page.getByLabel('…or the URL of a model.json').fill(`${baseURL}/byo-remote/cnn/model.json`);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(error).toHaveAttribute('data-code', 'fetch-failed');
  await expect(error).toContainText('byo-remote/cnn/weights.bin: HTTP 404');
  await expect(modelSelect, 'a refused model changes nothing').toHaveValue(modelBefore);
  console.log(`broken models refused after ${((Date.now() - started) / 1000).toFixed(0)} s`);

  // the valid CNN: grey 28×28 input, BatchNorm, a residual block
  await files.setInputFiles(fixture('cnn', 'model.json', 'weights.bin'));
  const findings = page.getByTestId('byo-findings');
  await expect(findings).toBeVisible({ timeout: 60_000 });
  console.log(`findings shown after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await expect(error).toBeHidden();
  await expect(modelSelect).toHaveValue('custom:byo_cnn');
  await expect(page.getByTestId('byo-input')).toContainText('[28, 28, 1]');
  await expect(page.getByTestId('byo-input')).toContainText('RGB → grey');
  await expect(page.getByTestId('byo-head')).toContainText('10 source classes');
  await expect(page.getByTestId('byo-head')).toContainText('Dense classifier');
  await expect(page.getByTestId('byo-batchnorm')).toContainText('4 layers');
  const blocks = page.getByTestId('byo-blocks').locator('li');
  await expect(blocks).toHaveCount(4);
  await expect(blocks.nth(1)).toContainText('8 layers'); // the residual block stays whole

  // correct the split point: the pooled features instead of the Dense layer after them
  const split = page.getByLabel('Feature layer (split point)');
  await expect(split).toHaveValue('fc');
  await split.selectOption('gap');
  await expect(blocks).toHaveCount(3);
  await expect(findings).toContainText('the run drops fc after them');

  // select it (it was selected on load) and train the tiny config
  await modelSelect.selectOption('custom:byo_cnn');
  await tinyConfig(page, { oneShift: false });
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  await page.evaluate(() => {
    const w = window as unknown as { __st: string[] };
    w.__st = [];
    const t0 = performance.now();
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=run-status]');
      const s = `${el?.getAttribute('data-status')} ${el?.textContent}`;
      if (w.__st[w.__st.length - 1]?.endsWith(s) !== true) w.__st.push(`${((performance.now() - t0) / 1000).toFixed(1)}s ${s}`);
    }).observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  await train.click();

  const status = page.getByTestId('run-status');
  try {
    await expect(status).toHaveAttribute('data-status', /^(completed|failed|diverged|stopped)$/, { timeout: 300_000 });
  } finally {
    console.log(`statuses: ${(await page.evaluate(() => (window as unknown as { __st: string[] }).__st)).join(' | ')}`);
  }
  expect(await status.getAttribute('data-status'), `run status: ${await status.textContent()}`).toBe('completed');
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toHaveAttribute('aria-valuenow', '3');
  await expect(page.getByTestId('metric-id-acc')).toHaveText(/^\d{1,3}\.\d %$/);
  // the worker cut the network where the page said: fc is not part of it
  const drift = page.getByTestId('chart-drift');
  await expect(drift.getByText('down_conv', { exact: true })).toBeVisible();
  await expect(drift.getByText('fc', { exact: true })).toHaveCount(0);
  console.log(`byo run completed ${((Date.now() - started) / 1000).toFixed(0)} s after page load`);

  expect(pageErrors).toEqual([]);
  expect(outgoing, 'requests with a body or to another host').toEqual([]);
});
