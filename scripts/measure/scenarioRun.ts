/**
 * Times a teaching scenario's "Train all in turn" in the real built page, as a teacher starts it:
 * open `?preset=<id>`, press the scenario's train-all button, and wait until the compare table
 * counts every run. Prints one JSON line (also written to --out): the seconds from the press to
 * the last run counted, and each row of the results table.
 *   npx tsx scripts/measure/scenarioRun.ts [--preset why-ft-hurts-ood] [--size quick|full] [--dist dist] [--port 4182] [--query "k=2"] [--out file.json]
 * With --one it presses Train instead (the scenario's first run alone) and waits for the run's end;
 * --record (with --one --size quick) writes the seconds into src/ui/presets/scenarioData.json, which
 * the scenario's text quotes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isFinalStatus } from '../../src/engine/training/events';
import type { ScenarioData } from '../../src/ui/presets/scenarioData';
import { parseArgs } from 'node:util';
import { openMeasuredPage } from './previewServer';

const { values } = parseArgs({
  options: {
    preset: { type: 'string', default: 'why-ft-hurts-ood' },
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4182' },
    query: { type: 'string', default: '' },
    size: { type: 'string' },
    one: { type: 'boolean', default: false },
    record: { type: 'boolean', default: false },
    out: { type: 'string' },
    'timeout-min': { type: 'string', default: '180' },
  },
});

const { base, page, log, close } = await openMeasuredPage(values.dist!, values.port!);

try {
  await page.goto(`${base}/?preset=${values.preset}${values.size ? `&size=${values.size}` : ''}${values.query ? `&${values.query}` : ''}`);
  if (values.one) {
    const train = page.getByRole('button', { name: 'Train', exact: true });
    await train.waitFor();
    while (!(await train.isEnabled())) await page.waitForTimeout(100);
    const load = loadavg()[0];
    const pressed = Date.now();
    await train.click();
    log('pressed Train');
    const status = page.getByTestId('run-status');
    const deadline = pressed + Number(values['timeout-min']) * 60_000;
    let word = '';
    for (;;) {
      const now = (await status.getAttribute('data-status')) ?? '';
      if (now !== word) { word = now; log(word); }
      if (isFinalStatus(word) || Date.now() > deadline) break;
      await page.waitForTimeout(250);
    }
    const seconds = (Date.now() - pressed) / 1000;
    const backend = (await page.getByTestId('backend-badge').getAttribute('data-backend')) ?? 'unknown';
    const result = { dist: values.dist, preset: values.preset, size: values.size, status: word, seconds, backend, load: Math.max(load, loadavg()[0]) };
    console.log(JSON.stringify(result));
    if (values.record) {
      if (values.size !== 'quick' || word !== 'completed') throw new Error('--record needs --size quick and a completed run');
      const file = 'src/ui/presets/scenarioData.json';
      const data = JSON.parse(readFileSync(file, 'utf8')) as ScenarioData;
      const entry = data.quick[values.preset!];
      if (!entry) throw new Error(`${file} has no Quick measurement of ${values.preset} yet (scripts/measure/quickSizes.ts)`);
      entry.page = {
        seconds: Number(seconds.toFixed(1)), backend, load: Number(result.load.toFixed(1)), date: new Date().toISOString().slice(0, 10),
        command: `npx tsx scripts/measure/scenarioRun.ts --preset ${values.preset} --size quick --one --record`,
      };
      writeFileSync(file, `${JSON.stringify(data, null, 1)}\n`);
      log(`wrote the page's time into ${file}`);
    }
    await close();
    process.exit(0);
  }
  const runAll = page.getByTestId('preset-run-all');
  await runAll.waitFor();
  while (!(await runAll.isEnabled())) await page.waitForTimeout(100);
  const runs = Number((await runAll.innerText()).match(/\d+/)?.[0] ?? '0');
  const pressed = Date.now();
  await runAll.click();
  log(`pressed "${await runAll.innerText()}" (${runs} runs)`);
  const deadline = pressed + Number(values['timeout-min']) * 60_000;
  let counted = -1;
  for (;;) {
    const snap = await page.evaluate(() => ({
      counted: [...document.querySelectorAll('[data-testid="results-n"]')].reduce((n, el) => n + Number(el.textContent ?? 0), 0),
      pending: [...document.querySelectorAll('.results__note')].some((el) => /still to run/.test(el.textContent ?? '')),
      failed: [...document.querySelectorAll('.results__note')].some((el) => /not counted/.test(el.textContent ?? '')),
    }));
    if (snap.counted !== counted) { counted = snap.counted; log(`${counted} of ${runs} runs counted`); }
    if ((snap.counted >= runs || snap.failed) && !snap.pending) break;
    if (Date.now() > deadline) { log('timed out'); break; }
    await page.waitForTimeout(1000);
  }
  const seconds = (Date.now() - pressed) / 1000;
  const rows = await page.getByTestId('results-row').evaluateAll((trs) => trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()));
  const result = {
    dist: values.dist, preset: values.preset, query: values.query, runs, counted, seconds,
    backend: await page.getByTestId('backend-badge').getAttribute('data-backend'), rows,
  };
  console.log(JSON.stringify(result));
  if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 1)}\n`);
} finally {
  await close();
}
