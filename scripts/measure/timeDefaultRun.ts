/**
 * The default run as a new user starts it in the real built page, timed: open the page, press Train,
 * note when each evaluation appears on screen and when the run ends, then export the run ("Export
 * run") for what the engine measured. Used by scripts/measure/defaultRun.ts and the bench.
 * `evalShare` is the share of the run's wall time that training was held by evaluation (its
 * summary's); `evalOwnShare` the evaluations' own times (`evalMs`, wherever they ran) over the run's
 * wall time; `evalAside` whether the run evaluated beside training, in a second worker.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { isFinalStatus } from '../../src/engine/training/events';
import type { RunFile } from '../../src/protocol/runFile';

export interface DefaultRunOptions {
  /** added to the page's link (e.g. "wasmThreads=2", or a smaller run for tests) */
  query?: string;
  /** the method's label in the Method field */
  method?: string;
  /** "Label=value": fields filled by their labels before Train */
  set?: readonly string[];
  timeoutMin?: number;
  pollMs?: number;
  log(message: string): void;
}

export interface DefaultRunResult {
  status: string;
  doneSec: number;
  backend: string | null;
  /** the badge and the reason the page gives for its backend */
  backendText: string;
  pageOpenToTrainSec: number;
  firstEvalSec: number | null;
  lastEvalSec: number | null;
  evals: { step: number; sec: number }[];
  idAcc: string; oodMean: string; oodWorst: string; stepsPerSec: string;
  runSeconds: number | null;
  evaluations: number;
  evalSeconds: number;
  evalShare: number | null;
  evalOwnShare: number | null;
  evalAside: boolean;
}

export async function timeDefaultRun(page: Page, base: string, o: DefaultRunOptions): Promise<DefaultRunResult> {
  const opened = Date.now();
  await page.goto(o.query ? `${base}/?${o.query}` : `${base}/`);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await train.waitFor();
  if (o.method) await page.getByLabel('Method', { exact: true }).selectOption({ label: o.method });
  for (const pair of o.set ?? []) {
    const [label, value] = pair.split('=');
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  while (!(await train.isEnabled())) await page.waitForTimeout(100);
  const pressed = Date.now();
  await train.click();
  const since = () => (Date.now() - pressed) / 1000;
  const evals: { step: number; sec: number }[] = [];
  const deadline = pressed + (o.timeoutMin ?? 120) * 60_000;
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
      o.log(`evaluation at step ${m[1]} on screen (${snap.backend})`);
    }
    if (snap.status !== status) { status = snap.status; o.log(`status ${status}`); }
    if (isFinalStatus(status)) break;
    if (Date.now() > deadline) { o.log('timed out'); break; }
    await page.waitForTimeout(o.pollMs ?? 250);
  }
  const doneSec = since();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export run' }).click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as RunFile;
  const run = exported.runs[0];
  const evalMs = run.events.flatMap((e) => (e.type === 'eval' ? [e.record.evalMs] : []));
  const evalSeconds = evalMs.reduce((a, b) => a + b, 0) / 1000;
  const text = async (id: string) => (await page.getByTestId(id).innerText().catch(() => '')).trim();
  return {
    status, doneSec,
    backend: await page.getByTestId('backend-badge').getAttribute('data-backend'),
    backendText: `${await text('backend-badge')}: ${await text('backend-reason')}`.replace(/\s+/g, ' '),
    pageOpenToTrainSec: (pressed - opened) / 1000,
    firstEvalSec: evals[0]?.sec ?? null, lastEvalSec: evals[evals.length - 1]?.sec ?? null,
    evals,
    idAcc: await text('metric-id-acc'), oodMean: await text('metric-ood-mean'), oodWorst: await text('metric-ood-worst'),
    stepsPerSec: await text('metric-steps-per-sec'),
    runSeconds: run.summary?.seconds ?? null, evaluations: evalMs.length, evalSeconds,
    evalShare: run.summary?.evalShare ?? null,
    evalOwnShare: run.summary ? evalSeconds / run.summary.seconds : null,
    evalAside: run.summary?.evalAside ?? false,
  };
}
