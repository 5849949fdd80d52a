/**
 * Reliability at the edges of the page, issue 8: every numeric field refuses bad text with its
 * name and a reason beside Train; without WebGPU the worker falls back to wasm, then WebGL, then
 * CPU, and the page says which backend it uses and why (and a run still trains there).
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors, expectStatus, tinyConfig } from './support/page';
import { patchTrainingWorker } from './support/trainingWorker';

/** The text every numeric field must refuse; zero is refused only where the field says so. */
const BAD_TEXT = { empty: '', text: 'abc', NaN: 'NaN', negative: '-5', zero: '0', huge: '1e12' } as const;

/** Each numeric input by id: the name the Train note gives it, and whether 0 is a valid value. */
const FIELDS: Record<string, { name: string; zeroOk?: boolean }> = {
  'cfg-label-noise': { name: 'Label noise', zeroOk: true },
  'cfg-train-size': { name: 'Training images' },
  'cfg-batch': { name: 'Batch size' },
  'cfg-duration': { name: 'Duration' },
  'cfg-lr': { name: 'Learning rate' },
  'cfg-seed': { name: 'Seed', zeroOk: true },
  'cfg-eval-every': { name: 'Evaluate every' },
  'cfg-eval-size': { name: 'Eval images' },
  'cfg-probe-size': { name: 'Probe images' },
  'cfg-method-lpSteps': { name: 'LP steps' },
  'cfg-method-lpLr': { name: 'LP learning rate' },
  'cfg-method-frozenBlocks': { name: 'Frozen blocks (k)', zeroOk: true },
  'cfg-method-daft-headLrScale': { name: 'Head learning-rate multiplier (s)' },
  'cfg-method-levi-taps': { name: 'Tapped blocks (K)' },
  'cfg-method-levi-width': { name: 'Task-model width (d)' },
  'cfg-method-spd-lambda': { name: 'SPD strength (λ)', zeroOk: true },
  'cfg-method-l2sp-alpha': { name: 'Backbone pull (α)', zeroOk: true },
  'cfg-method-l2sp-beta': { name: 'Head decay (β)', zeroOk: true },
  'cfg-method-ftlp-lambda': { name: 'Prior weight (λ)', zeroOk: true },
};

/** Ids of the numeric text inputs the settings show now. */
function numericInputs(page: Page): Promise<string[]> {
  return page.locator('input[type=text][inputmode=numeric], input[type=text][inputmode=decimal]').evaluateAll((els) => els.map((e) => e.id));
}

interface FieldState { invalid: boolean; described: boolean; trainDisabled: boolean; named: number }

/** What the page shows about one field, read in one round trip (108 cases × several checks add up). */
function fieldState(page: Page, id: string, name: string): Promise<FieldState> {
  return page.evaluate(([id, name]) => {
    const field = document.getElementById(id)!;
    const describedBy = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const train = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Train');
    const lines = [...document.querySelectorAll('[data-testid=train-blocked] li')].map((li) => li.textContent ?? '');
    return {
      invalid: field.getAttribute('aria-invalid') === 'true',
      described: describedBy.some((d) => /\S/.test(document.getElementById(d)?.textContent ?? '')),
      trainDisabled: !!train?.disabled,
      named: lines.filter((l) => l.startsWith(`${name}: `)).length,
    };
  }, [id, name] as const);
}

/** Types each bad text into the field and checks the refusal, then puts the good value back. */
async function refusesBadText(page: Page, id: string): Promise<void> {
  const { name, zeroOk } = FIELDS[id];
  const field = page.locator(`#${id}`);
  const good = await field.inputValue();
  const accepted: FieldState = { invalid: false, described: false, trainDisabled: false, named: 0 };
  const refused: FieldState = { invalid: true, described: true, trainDisabled: true, named: 1 };
  for (const [kind, text] of Object.entries(BAD_TEXT)) {
    const why = `${name} ← ${kind} (${JSON.stringify(text)})`;
    await field.fill(text);
    const expected = kind === 'zero' && zeroOk ? accepted : refused;
    // `described` only matters for a refusal (a valid field may carry a hint)
    await expect.poll(async () => {
      const s = await fieldState(page, id, name);
      return expected === accepted ? { ...s, described: false } : s;
    }, { message: why, timeout: 10_000 }).toEqual(expected);
    await field.fill(good);
    await expect.poll(async () => ({ ...(await fieldState(page, id, name)), described: false }), { message: `${why}, then the good value again`, timeout: 10_000 }).toEqual(accepted);
  }
}

test('every numeric field refuses empty, text, NaN, negative, zero and huge, named beside a disabled Train', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto('/'); // no run here: any backend will do
  await page.locator('summary', { hasText: 'Evaluation' }).click();
  const method = page.getByLabel('Method', { exact: true });
  const seen = new Set<string>();
  const views: [string, () => Promise<void>, () => Promise<void>][] = [
    ['FT', async () => undefined, async () => undefined],
    ...(['lp-ft', 'frozen-k', 'daft', 'levi'] as const).map((kind): [string, () => Promise<void>, () => Promise<void>] =>
      [kind, () => method.selectOption(kind).then(() => undefined), () => method.selectOption('ft').then(() => undefined)]),
    ...(['spd', 'l2sp', 'ftlp'] as const).map((id): [string, () => Promise<void>, () => Promise<void>] =>
      [id, () => page.locator(`#cfg-modifier-${id}`).check(), () => page.locator(`#cfg-modifier-${id}`).uncheck()]),
  ];
  for (const [view, enter, leave] of views) {
    await enter();
    const ids = await numericInputs(page);
    const unknown = ids.filter((id) => !(id in FIELDS));
    expect(unknown, `numeric fields in the ${view} view that this table does not cover`).toEqual([]);
    for (const id of ids.filter((i) => !seen.has(i))) {
      seen.add(id);
      await refusesBadText(page, id);
    }
    await leave();
  }
  expect([...seen].sort(), 'every field of the table was found on the page').toEqual(Object.keys(FIELDS).sort());
  expect(errors).toEqual([]);
});

/** A worker prelude per way WebGPU can be missing; NO_WASM and NO_WEBGL take those away too. */
const NO_WEBGPU = {
  'no navigator.gpu': `Object.defineProperty(WorkerNavigator.prototype, 'gpu', { get: () => undefined, configurable: true });`,
  'adapter null': `GPU.prototype.requestAdapter = async () => null;`,
  'requestDevice fails': `GPUAdapter.prototype.requestDevice = async () => { throw new Error('simulated device failure'); };`,
} as const;
const NO_WASM = `delete self.WebAssembly;`;
const NO_WEBGL = `OffscreenCanvas.prototype.getContext = function () { return null; };`;

const WEBGPU_WHY: Record<keyof typeof NO_WEBGPU, RegExp> = {
  'no navigator.gpu': /webgpu pinned but unavailable \(this browser has no WebGPU \(navigator\.gpu is missing\)\)/,
  'adapter null': /webgpu pinned but unavailable \(no WebGPU adapter \(requestAdapter returned null\)\)/,
  'requestDevice fails': /webgpu pinned but unavailable \(the WebGPU adapter gave no device \(requestDevice failed: simulated device failure\)\)/,
};
const USING_WASM = /; using wasm, \d+ threads?( \([^)]+\))?, SIMD$/;

test('WebGPU pinned but missing falls back to wasm, then WebGL, then CPU, says which and why, and trains on CPU', async ({ context }) => {
  test.setTimeout(4 * 60_000);
  const errors: string[] = [];
  /**
   * A fresh page whose training workers run `prelude` first. Fresh rather than re-routed: taking a
   * route off a page whose training worker has started its own (evaluation) worker can hang in
   * Playwright (page.unrouteAll waited minutes here), and a new page is what a user gets anyway.
   */
  let page: Page | null = null;
  const open = async (prelude: string, path: string) => {
    await page?.close();
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await patchTrainingWorker(page, prelude);
    await page.goto(path);
    return { page, badge: page.getByTestId('backend-badge'), reason: page.getByTestId('backend-reason') };
  };
  // each way WebGPU can be missing, with WebGPU pinned (auto passes this machine's software adapter by without asking it for a device)
  for (const [how, prelude] of Object.entries(NO_WEBGPU) as [keyof typeof NO_WEBGPU, string][]) {
    const { badge, reason } = await open(prelude, '/?backend=webgpu');
    await expect(badge, how).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
    console.log(`${how}: ${await reason.textContent()}`);
    await expect(reason, how).toHaveText(WEBGPU_WHY[how]);
    await expect(reason, how).toHaveText(USING_WASM);
  }

  // auto, without WebGPU: wasm, said so
  {
    const { badge, reason } = await open(NO_WEBGPU['no navigator.gpu'], '/');
    await expect(badge).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
    await expect(reason).toHaveText(/^webgpu unavailable \(this browser has no WebGPU \(navigator\.gpu is missing\)\); using wasm, \d+ threads?( \([^)]+\))?, SIMD$/);
  }

  // no WebGPU and no WebAssembly: WebGL (this Chromium may have no WebGL in a worker either; then the reason names both)
  {
    const { badge, reason } = await open(`${NO_WEBGPU['no navigator.gpu']}\n${NO_WASM}`, '/');
    await expect(badge).toHaveAttribute('data-backend', /^(webgl|cpu)$/, { timeout: 90_000 });
    console.log(`no WebGPU, no wasm: ${await reason.textContent()}`);
    await expect(reason).toHaveText(/navigator\.gpu is missing\)\); wasm unavailable \(this browser has no WebAssembly\); /);
    if ((await badge.getAttribute('data-backend')) === 'webgl') await expect(reason).toHaveText(/; using webgl$/);
    else await expect(reason).toHaveText(/; webgl unavailable \(.+\); using cpu$/);
  }

  // none of them: CPU, and a tiny run trains there to the end
  const last = await open(`${NO_WEBGPU['no navigator.gpu']}\n${NO_WASM}\n${NO_WEBGL}`, '/');
  await expect(last.badge).toHaveAttribute('data-backend', 'cpu', { timeout: 90_000 });
  await expect(last.reason).toHaveText(/navigator\.gpu is missing.*; wasm unavailable \(.+\); webgl unavailable \(.+\); using cpu$/);
  await tinyConfig(last.page, { model: 'mlp-broad', steps: 2 });
  await last.page.getByRole('button', { name: 'Train', exact: true }).click();
  await expectStatus(last.page, ['completed'], 120_000);
  await expect(last.page.getByTestId('run-summary')).toContainText('backend cpu');
  expect(errors).toEqual([]);
});
