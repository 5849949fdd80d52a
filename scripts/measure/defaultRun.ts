/**
 * Times the default run as a new user starts it in the real built page: open the page, press Train,
 * and note when each evaluation appears on screen and when the run completes. Prints one JSON line
 * (also written to --out) with the backend the page picked, the seconds from pressing Train to the
 * first and the last evaluation on screen, and the final numbers.
 *   npx tsx scripts/measure/defaultRun.ts [--dist dist] [--port 4181] [--set "Label=value" …] [--out file.json]
 * The evaluation share is read from the run the page exports ("Export run"): `evalShare`, the share
 * of the run's wall time that training was held by evaluation (its summary's), and `evalOwnShare`,
 * the evaluations' own times (`evalMs`, wherever they ran) over the run's wall time; `evalAside`
 * says whether the run evaluated beside training, in a second worker.
 * --query adds to the page's link (e.g. "wasmThreads=2").
 * Serves --dist with `vite preview` (the project's preview headers); Chromium gets the same flags as
 * the tests (a software WebGPU adapter here), so the page chooses its backend as it would for a user.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { RunFile } from '../../src/protocol/runFile';
import { parseArgs } from 'node:util';
import { isFinalStatus } from '../../src/engine/training/events';
import { openMeasuredPage } from './previewServer';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4181' },
    set: { type: 'string', multiple: true, default: [] },
    method: { type: 'string' },
    out: { type: 'string' },
    'timeout-min': { type: 'string', default: '120' },
    'poll-ms': { type: 'string', default: '250' },
    query: { type: 'string', default: '' },
  },
});

const { base, page, log, close } = await openMeasuredPage(values.dist!, values.port!);

try {
  const opened = Date.now();
  await page.goto(values.query ? `${base}?${values.query}` : base);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.waitFor();
  if (values.method) await page.getByLabel('Method', { exact: true }).selectOption({ label: values.method });
  for (const pair of values.set!) {
    const [label, value] = pair.split('=');
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  while (!(await train.isEnabled())) await page.waitForTimeout(100);
  const pressed = Date.now();
  await train.click();
  const since = () => (Date.now() - pressed) / 1000;
  const evals: { step: number; sec: number }[] = [];
  const deadline = pressed + Number(values['timeout-min']) * 60_000;
  let status = '';
  for (;;) {
    const snap = await page.evaluate(() => {
      const id = document.querySelector('[data-testid="metric-id-acc"]');
      return {
        status: document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status') ?? '',
        note: id?.parentElement?.querySelector('.metric__note')?.textContent ?? '',
        backend: document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend') ?? '',
      };
    });
    const m = /^step (\d+)$/.exec(snap.note.trim());
    if (m && Number(m[1]) !== evals[evals.length - 1]?.step) {
      evals.push({ step: Number(m[1]), sec: since() });
      log(`evaluation at step ${m[1]} on screen (${snap.backend})`);
    }
    if (snap.status !== status) { status = snap.status; log(`status ${status}`); }
    if (isFinalStatus(status)) break;
    if (Date.now() > deadline) { log('timed out'); break; }
    await page.waitForTimeout(Number(values['poll-ms']));
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export run' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as RunFile;
  const run = exported.runs[0];
  const evalMs = run.events.flatMap((e) => (e.type === 'eval' ? [e.record.evalMs] : []));
  const evalOwnShare = run.summary ? evalMs.reduce((a, b) => a + b, 0) / 1000 / run.summary.seconds : null;
  const text = async (id: string) => (await page.getByTestId(id).innerText().catch(() => '')).trim();
  const result = {
    dist: values.dist, status, doneSec: since(),
    backend: await page.getByTestId('backend-badge').getAttribute('data-backend'),
    backendText: (await text('backend-badge')).replace(/\s+/g, ' '),
    pageOpenToTrainSec: (pressed - opened) / 1000,
    firstEvalSec: evals[0]?.sec ?? null, lastEvalSec: evals[evals.length - 1]?.sec ?? null,
    evals,
    idAcc: await text('metric-id-acc'), oodMean: await text('metric-ood-mean'), oodWorst: await text('metric-ood-worst'),
    stepsPerSec: await text('metric-steps-per-sec'),
    runSeconds: run.summary?.seconds ?? null, evaluations: evalMs.length, evalSeconds: evalMs.reduce((a, b) => a + b, 0) / 1000,
    evalShare: run.summary?.evalShare ?? null, evalOwnShare, evalAside: run.summary?.evalAside ?? false,
  };
  console.log(JSON.stringify(result));
  if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 1)}\n`);
} finally {
  await close();
}
