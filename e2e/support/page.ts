/**
 * What every page spec does the same way: open the page on the backend it picks (or on one pinned
 * through the link, for the specs that exist to exercise it), type into a field like a user, set
 * the tiny configuration that every backend trains in seconds, wait for a run status, and record
 * page errors and requests to other hosts.
 */
import { expect, type Page } from '@playwright/test';
import type { BackendName } from '../../src/protocol/messages';

/** `path` with `backend=<pin>` added (the link's way to pin a backend). */
export function pinnedPath(path: string, pin: BackendName): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('backend', pin);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Waits until the backend badge names a backend with its reason. With `backend`, it must be exactly
 * that one (a silent fallback fails here); without, any backend the page picked, said with a reason.
 */
export async function expectBackend(page: Page, backend?: BackendName): Promise<void> {
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend ?? /^(webgpu|wasm|webgl|cpu)$/, { timeout: 90_000 });
  await expect(page.getByTestId('backend-reason')).toHaveText(/\w.{10,}/);
}

/**
 * Opens `path` on whatever backend the page picks for this machine, or with `pin`, on exactly that
 * backend pinned through the link (specs that exist to exercise it: WebGPU kernels, device loss).
 */
export async function openPage(page: Page, path = '/', pin?: BackendName): Promise<void> {
  await page.goto(pin ? pinnedPath(path, pin) : path);
  await expectBackend(page, pin);
  if (pin) await expect(page.getByTestId('backend-reason')).toHaveText(new RegExp(`^pinned to ${pin} by you`));
}

/** Types into a labelled field the way a user does (select all, type) and checks it took. */
export async function type(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(text);
  await expect(field).toHaveValue(text);
}

export interface TinyConfig {
  /** a model id of the picker; left as it is when absent */
  model?: string;
  /** training steps (default 3) */
  steps?: number;
  /** evaluate every … steps (default: once, at the end) */
  evalEvery?: number;
  /** keep only the first selected shift (default true): every evaluation stays short */
  oneShift?: boolean;
}

/** The tiny config through the real controls: 64 images, batch 16, a few steps, 32 eval and 16 probe images. */
export async function tinyConfig(page: Page, opts: TinyConfig = {}): Promise<void> {
  const steps = opts.steps ?? 3;
  if (opts.model) await page.getByLabel('Pretrained model', { exact: true }).selectOption(opts.model);
  await type(page, 'Training images', '64');
  await type(page, 'Batch size', '16');
  await type(page, 'Duration', String(steps));
  await page.getByLabel('Duration unit').selectOption('steps');
  await page.locator('summary', { hasText: 'Evaluation' }).click();
  await type(page, 'Evaluate every (steps)', String(opts.evalEvery ?? steps));
  await type(page, 'Eval images', '32');
  await type(page, 'Probe images', '16');
  if (opts.oneShift ?? true) {
    const checked = page.locator('.shift-picker input[type=checkbox]:checked');
    while ((await checked.count()) > 1) await checked.last().uncheck();
  }
}

/**
 * Waits until the run status is one of `wanted` or the run has ended badly, then fails with the
 * page's own status text if it ended badly (no long wait for a status that will not come).
 */
export async function expectStatus(page: Page, wanted: string[], timeout: number): Promise<void> {
  const status = page.getByTestId('run-status');
  const bad = ['failed', 'diverged'];
  await expect(status).toHaveAttribute('data-status', new RegExp(`^(${[...wanted, ...bad].join('|')})$`), { timeout });
  const word = await status.getAttribute('data-status');
  expect(bad.includes(word ?? ''), `run status: ${await status.textContent()}`).toBe(false);
}

/** Uncaught page errors (a crash the error boundary did not catch); assert it stays empty. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Requests to any other host: the page must work offline from its own origin. */
export function collectForeignRequests(page: Page, baseURL: string): string[] {
  const foreign: string[] = [];
  const home = new URL(baseURL).host;
  page.on('request', (r) => {
    const url = new URL(r.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== home) foreign.push(r.url());
  });
  return foreign;
}
