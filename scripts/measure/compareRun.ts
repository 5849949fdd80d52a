/**
 * Times a compare in the real built page as a user sets it up: the Compare tab, methods × seeds
 * through its controls, "Runs at once" set to --parallel, Compare pressed; the clock stops when the
 * results table counts every run. Prints one JSON line (also to --out).
 *   npx tsx scripts/measure/compareRun.ts [--methods ft,lp] [--seeds 2] [--parallel 1] [--dist dist] [--port 4183] [--out file.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openMeasuredPage } from './previewServer';

const { values } = parseArgs({
  options: {
    methods: { type: 'string', default: 'ft,lp' },
    seeds: { type: 'string', default: '2' },
    parallel: { type: 'string', default: '1' },
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4183' },
    out: { type: 'string' },
    'timeout-min': { type: 'string', default: '60' },
  },
});

const { base, page, log, close } = await openMeasuredPage(values.dist!, values.port!);

try {
  await page.goto(base);
  await page.getByTestId('backend-badge').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'));
  await page.getByTestId('tab-compare').click();
  const setup = page.getByTestId('compare-setup');
  await setup.getByRole('button', { name: 'clear' }).click();
  const methods = values.methods!.split(',');
  for (const m of methods) await page.getByTestId(`compare-method-${m}`).check();
  await page.getByTestId(`compare-seeds-${values.seeds}`).click();
  await setup.getByLabel('Runs at once').selectOption(values.parallel!);
  const runs = methods.length * Number(values.seeds);
  const button = page.getByTestId('compare-button');
  while (!(await button.isEnabled())) await page.waitForTimeout(100);
  const pressed = Date.now();
  await button.click();
  log(`compare pressed: ${runs} runs, ${values.parallel} at once`);
  let most = 0;
  const deadline = pressed + Number(values['timeout-min']) * 60_000;
  for (;;) {
    const snap = await page.evaluate(() => ({
      counted: [...document.querySelectorAll('[data-testid="results-n"]')].reduce((n, el) => n + Number(el.textContent ?? 0), 0),
      training: document.querySelectorAll('[data-testid="queue-item"][data-state="training"]').length,
    }));
    most = Math.max(most, snap.training);
    if (snap.counted >= runs) break;
    if (Date.now() > deadline) { log('timed out'); break; }
    await page.waitForTimeout(500);
  }
  const seconds = (Date.now() - pressed) / 1000;
  const rows = await page.getByTestId('results-row').evaluateAll((trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()));
  const result = { dist: values.dist, runs, parallel: Number(values.parallel), mostAtOnce: most, seconds, backend: await page.getByTestId('backend-badge').getAttribute('data-backend'), rows };
  console.log(JSON.stringify(result));
  if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 1)}\n`);
} finally {
  await close();
}
