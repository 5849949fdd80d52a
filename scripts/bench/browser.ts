/**
 * The browser part of the bench, in headless Chromium: the engine in the bench harness's training
 * worker on webgpu, webgl and cpu (selected by the product's selectBackend, fallbacks included),
 * the loss chart on the harness page's main thread, long tasks on the real page while a run
 * streams, and the default run as a new user starts it in the real page (on the backend it picks). Drives pages it is given, so the CLI (scripts/bench/run.ts) and the Playwright spec
 * (e2e/bench.spec.ts) run the same code.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { ChartBenchResult } from '../../bench/harness/chartBench';
import type { AdapterInfo } from '../../bench/harness/bench';
import type { BenchInitResult } from '../../bench/harness/benchWorker';
import type { EvalShareResult, MemoryResult, MemorySnapshot, RatioResult, SpeedResult } from './lib/jobs';
import { HARNESS_PAGE } from './serve';
import { timeDefaultRun, type DefaultRunResult } from '../measure/timeDefaultRun';
import type { BrowserBackend, BrowserSizes } from './suites';

export interface BackendSpeed {
  requested: BrowserBackend;
  /** what selectBackend picked (a fallback when the requested one does not work) */
  selected: string;
  reason: string;
  adapter: string | null;
  speed: SpeedResult[];
}

export interface LongTaskResult {
  backend: string;
  fields: Record<string, string>;
  seconds: number;
  count: number;
  maxMs: number;
  totalMs: number;
  entries: { startMs: number; durationMs: number }[];
  /** long tasks while the page loaded and the run compiled (before the window) */
  beforeWindow: { count: number; maxMs: number };
  stepsAtStart: number;
  stepsAtEnd: number;
  statusAtEnd: string;
  /** the JavaScript files (names) the page had requested once it was open (backend chosen), and by the end of the window */
  scripts: { onOpen: string[]; withRun: string[] };
}

export interface BrowserResults {
  userAgent: string;
  adapter: AdapterInfo | null;
  backends: BackendSpeed[];
  ratios: RatioResult & { selected: string };
  evalShare: EvalShareResult;
  memory: {
    backend: string;
    oneWorker: MemoryResult;
    /** one fresh worker per run, terminated after it (the product's design) */
    perWorker: { baseline: MemorySnapshot; afterRun: MemorySnapshot }[];
    /** resident memory of Chromium's GPU process (where SwiftShader keeps "device" memory), MB, when measurable */
    gpuProcessRssMb: { beforeRuns: number | null; oneWorker: (number | null)[]; perWorker: (number | null)[] } | null;
  };
  longTasks: LongTaskResult;
  /** the default run as a new user starts it in the real page, on the backend the page picks */
  defaultRun: DefaultRunResult & { query: string };
  chart: { raw: ChartBenchResult; bounded: ChartBenchResult };
  seconds: Record<string, number>;
}

export interface BrowserSuiteOptions {
  context: BrowserContext;
  baseUrl: string;
  sizes: BrowserSizes;
  log?: (m: string) => void;
  /** resident memory of the GPU process, MB (the CLI can read it; the Playwright spec cannot) */
  gpuProcessRssMb?: () => number | null;
  parts?: BrowserPart[];
}

export type BrowserPart = 'speed' | 'ratios' | 'evalShare' | 'memory' | 'chart' | 'longTasks' | 'defaultRun';

async function openHarness(context: BrowserContext, baseUrl: string, log: (m: string) => void): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'log') log(`    ${m.text()}`); else if (m.type() === 'error') log(`    [page error] ${m.text()}`); });
  page.on('pageerror', (e) => log(`    [page exception] ${e.message}`));
  await page.goto(baseUrl + HARNESS_PAGE);
  await page.waitForFunction(() => 'bench' in window);
  return page;
}

/** A job in a fresh worker (terminated after it), or in `shared` (a worker kept open, kernels already compiled). */
async function inWorker<T>(page: Page, backend: BrowserBackend, job: unknown, shared?: { handle: number; init: BenchInitResult } | null): Promise<{ init: BenchInitResult; result: T }> {
  if (shared) {
    const result = await page.evaluate(({ handle, job }) => window.bench.call(handle, job as never), { handle: shared.handle, job });
    return { init: shared.init, result: result as T };
  }
  return page.evaluate(async ({ backend, job }) => {
    const { handle, init } = await window.bench.openWorker(backend);
    try {
      const result = await window.bench.call(handle, job as never);
      return { init, result: result as never };
    } finally {
      window.bench.closeWorker(handle);
    }
  }, { backend, job }) as Promise<{ init: BenchInitResult; result: T }>;
}

export async function runBrowserSuite(opts: BrowserSuiteOptions): Promise<Partial<BrowserResults> & { seconds: Record<string, number> }> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const { sizes } = opts;
  const want = (p: BrowserPart) => !opts.parts || opts.parts.includes(p);
  const out: Partial<BrowserResults> & { seconds: Record<string, number> } = { seconds: {} };
  const timed = async <T>(name: BrowserPart, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    log(`browser: ${name}`);
    try { return await f(); } finally { out.seconds[name] = Math.round((performance.now() - t0) / 100) / 10; }
  };
  const page = await openHarness(opts.context, opts.baseUrl, log);
  // quick: one webgpu worker for speed, ratios and the eval share, so its kernels compile once
  const shared = sizes.reuseWorker ? await page.evaluate(() => window.bench.openWorker('webgpu')) : null;
  try {
    out.userAgent = await page.evaluate(() => navigator.userAgent);
    out.adapter = await page.evaluate(() => window.bench.adapter());
    log(`browser: ${out.userAgent}; WebGPU adapter ${JSON.stringify(out.adapter)}`);

    if (want('chart')) {
      out.chart = await timed('chart', async () => ({
        raw: await page.evaluate((o) => window.bench.chart({ ...o, bounded: false }), sizes.chart),
        bounded: await page.evaluate((o) => window.bench.chart({ ...o, bounded: true }), sizes.chart),
      }));
      log(`  chart: ${out.chart.raw.points} points ${out.chart.raw.medianMs} ms; bounded (${out.chart.bounded.points} points) ${out.chart.bounded.medianMs} ms`);
    }

    if (want('speed')) {
      out.backends = await timed('speed', async () => {
        const all: BackendSpeed[] = [];
        for (const backend of sizes.backends) {
          log(`  speed on ${backend}`);
          const { init, result } = await inWorker<SpeedResult[]>(page, backend, { kind: 'speed', models: sizes.speed.models, config: sizes.speed.config, warmup: sizes.speed.warmup, rounds: sizes.speed.rounds, timing: sizes.speed.timing }, backend === 'webgpu' ? shared : null);
          all.push({ requested: backend, selected: init.report.backend, reason: init.report.reason, adapter: init.report.adapter ?? null, speed: result });
        }
        return all;
      });
    }

    if (want('ratios')) {
      out.ratios = await timed('ratios', async () => {
        const { init, result } = await inWorker<RatioResult>(page, 'webgpu', { kind: 'ratios', config: sizes.ratios.config, variants: sizes.ratios.variants, bare: true, warmup: sizes.ratios.warmup, rounds: sizes.ratios.rounds, timing: sizes.ratios.timing }, shared);
        return { ...result, selected: init.report.backend };
      });
    }

    if (want('evalShare')) {
      out.evalShare = await timed('evalShare', async () => (await inWorker<EvalShareResult>(page, 'webgpu', { kind: 'evalShare', config: sizes.evalShare }, shared)).result);
    }

    if (want('memory')) {
      out.memory = await timed('memory', async () => {
        const rss = opts.gpuProcessRssMb ?? (() => null);
        const beforeRuns = rss();
        // one worker, `runs` consecutive runs (one job call per run, so the GPU process can be read between them)
        const { handle } = await page.evaluate(() => window.bench.openWorker('webgpu'));
        const afterRun: MemorySnapshot[] = [];
        const secondsPerRun: number[] = [];
        const rssOne: (number | null)[] = [];
        let baseline: MemorySnapshot | null = null;
        let backend = '';
        try {
          for (let i = 0; i < sizes.memory.runs; i++) {
            const r = await page.evaluate(({ handle, config }) => window.bench.call(handle, { kind: 'memory', config, runs: 1 } as never), { handle, config: sizes.memory.config }) as MemoryResult;
            baseline ??= r.baseline;
            backend = r.backend;
            afterRun.push(r.afterRun[0]);
            secondsPerRun.push(r.secondsPerRun[0]);
            rssOne.push(rss());
            log(`  run ${i + 1}/${sizes.memory.runs} in one worker: ${JSON.stringify(r.afterRun[0])}${rssOne[i] === null ? '' : `, GPU process ${rssOne[i]} MB`}`);
          }
        } finally {
          await page.evaluate((h) => window.bench.closeWorker(h), handle);
        }
        const oneWorker: MemoryResult = { backend, baseline: baseline!, afterRun, secondsPerRun };
        const perWorker: { baseline: MemorySnapshot; afterRun: MemorySnapshot }[] = [];
        const rssPer: (number | null)[] = [];
        for (let i = 0; i < sizes.memory.workerRuns; i++) {
          const r = await inWorker<MemoryResult>(page, 'webgpu', { kind: 'memory', config: sizes.memory.config, runs: 1 });
          perWorker.push({ baseline: r.result.baseline, afterRun: r.result.afterRun[0] });
          await page.waitForTimeout(500); // let the GPU process release the terminated worker's device
          rssPer.push(rss());
          log(`  fresh worker ${i + 1}/${sizes.memory.workerRuns}: ${JSON.stringify(r.result.afterRun[0])}`);
        }
        return {
          backend, oneWorker, perWorker,
          gpuProcessRssMb: beforeRuns === null ? null : { beforeRuns, oneWorker: rssOne, perWorker: rssPer },
        };
      });
    }
  } finally {
    if (shared) await page.evaluate((h) => window.bench.closeWorker(h), shared.handle).catch(() => undefined);
    await page.close();
  }

  if (want('longTasks')) out.longTasks = await timed('longTasks', () => longTasks(opts.context, opts.baseUrl, sizes.longTasks, log));
  if (want('defaultRun')) {
    out.defaultRun = await timed('defaultRun', async () => {
      const runPage = await opts.context.newPage();
      try {
        const { query } = sizes.defaultRun;
        return { query, ...await timeDefaultRun(runPage, opts.baseUrl, { query, log: (m) => log(`  ${m}`), timeoutMin: 60, pollMs: 250 }) };
      } finally {
        await runPage.close();
      }
    });
  }
  return out;
}

/** The real page: set the run up with its own fields, press Train, and collect long tasks while it streams. */
export async function longTasks(context: BrowserContext, baseUrl: string, o: BrowserSizes['longTasks'], log: (m: string) => void): Promise<LongTaskResult> {
  const page = await context.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
      w.__longtasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${baseUrl}/?backend=${o.backend}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend'), null, { timeout: 120_000 });
    const backend = (await page.getByTestId('backend-badge').getAttribute('data-backend')) ?? '?';
    const scriptNames = () => page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((e) => e.name.split('?')[0].split('/').pop() ?? '').filter((n) => n.endsWith('.js')))].sort());
    await page.waitForLoadState('networkidle').catch(() => undefined);
    const onOpen = await scriptNames();
    // fields may sit in collapsed sections
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    for (const [label, value] of Object.entries(o.fields)) {
      const field = page.getByLabel(label, { exact: true });
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const status = page.getByTestId('run-status');
    const streaming = ['training', 'evaluating'];
    // 'training' comes after the first step's loss readback: kernels are compiled, the run streams
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.getAttribute('data-status') === 'training', null, { timeout: 10 * 60_000, polling: 250 });
    const progress = async () => Number(await page.getByRole('progressbar').first().getAttribute('aria-valuenow').catch(() => null)) || 0;
    const stepsAtStart = await progress();
    const t0 = await page.evaluate(() => performance.now());
    log(`  page run streaming on ${backend} at step ${stepsAtStart}; collecting long tasks for ${o.seconds} s`);
    const deadline = Date.now() + o.seconds * 1000;
    let word = '';
    while (Date.now() < deadline) {
      await page.waitForTimeout(Math.min(1000, Math.max(0, deadline - Date.now())));
      word = (await status.getAttribute('data-status')) ?? '';
      if (!streaming.includes(word)) break; // the run ended inside the window
    }
    const t1 = await page.evaluate(() => performance.now());
    const stepsAtEnd = await progress();
    const all = await page.evaluate(() => (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks);
    const inWindow = all.filter((e) => e.start >= t0 && e.start <= t1);
    const before = all.filter((e) => e.start < t0);
    return {
      backend, fields: o.fields, seconds: Math.round((t1 - t0) / 100) / 10,
      count: inWindow.length,
      maxMs: Math.round(Math.max(0, ...inWindow.map((e) => e.duration))),
      totalMs: Math.round(inWindow.reduce((n, e) => n + e.duration, 0)),
      entries: inWindow.map((e) => ({ startMs: Math.round(e.start - t0), durationMs: Math.round(e.duration) })),
      beforeWindow: { count: before.length, maxMs: Math.round(Math.max(0, ...before.map((e) => e.duration))) },
      stepsAtStart, stepsAtEnd, statusAtEnd: word,
      scripts: { onOpen, withRun: await scriptNames() },
    };
  } finally {
    await page.close();
  }
}
