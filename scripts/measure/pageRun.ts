/**
 * Trains in the real page, in headless Chromium on WebGPU, the way a user does: open the built
 * page, optionally fill fields by their labels, pick a method, press Train, wait for the end, and
 * print what the page shows (status, latest metrics, the run summary table).
 *   npx tsx scripts/measure/pageRun.ts [--method "LP-FT (probe, then fine-tune)"] [--set "Label=value" …] [--timeout-min 90]
 * Expects `npx vite build` to have run; serves dist/ (or --dist <dir>) on 127.0.0.1:4180.
 */
import { chromium } from '@playwright/test';
import { parseArgs } from 'node:util';
import { isFinalStatus } from '../../src/engine/training/events';
import { findChromium, WEBGPU_CHROMIUM_ARGS } from '../test/findChromium';
import { startPreview } from './previewServer';

const { values } = parseArgs({
  options: {
    method: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    'timeout-min': { type: 'string', default: '90' },
    port: { type: 'string', default: '4180' },
    // a copy of dist/ to serve, so a rebuild of dist/ during a long run cannot swap the page's chunks
    dist: { type: 'string', default: 'dist' },
  },
});

const preview = await startPreview(values.dist!, values.port!);
const base = preview.url;
const started = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${m}`);

try {
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...WEBGPU_CHROMIUM_ARGS] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(base);
  const badge = page.getByTestId('backend-badge');
  await badge.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'));
  log(`backend: ${await badge.getAttribute('data-backend')} (${await page.getByRole('banner').innerText()})`.replace(/\s+/g, ' '));
  if (values.method) await page.getByLabel('Method', { exact: true }).selectOption({ label: values.method });
  for (const pair of values.set!) {
    const [label, value] = pair.split('=');
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const status = page.getByTestId('run-status');
  const deadline = Date.now() + Number(values['timeout-min']) * 60_000;
  let last = '';
  for (;;) {
    const word = (await status.getAttribute('data-status')) ?? '';
    const progress = await page.getByRole('progressbar').first().getAttribute('aria-valuenow').catch(() => null);
    const line = `${word} step ${progress ?? '?'} · ID ${await page.getByTestId('metric-id-acc').innerText().catch(() => '?')} · OOD ${await page.getByTestId('metric-ood-mean').innerText().catch(() => '?')}`.replace(/\s+/g, ' ');
    if (line !== last) { log(line); last = line; }
    if (isFinalStatus(word)) break;
    if (Date.now() > deadline) { log('timed out'); break; }
    await page.waitForTimeout(15_000);
  }
  log(`status: ${(await status.innerText()).replace(/\s+/g, ' ')}`);
  const summary = page.getByTestId('run-summary');
  if (await summary.count()) log(`summary:\n${await summary.innerText()}`);
  await page.screenshot({ path: 'test-results/page-run.png', fullPage: true });
  log('screenshot: test-results/page-run.png');
  await browser.close();
} finally {
  preview.close();
}
