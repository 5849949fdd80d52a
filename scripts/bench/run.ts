/**
 * npm run bench [-- --quick | --full] [--only node|browser] [--out file.json] [--no-docs] [--keep-build]
 *
 * Runs the performance suite: the engine alone in Node (TF.js wasm), then the browser part in
 * headless Chromium (WebGPU flags as the tests use them): the engine in a training worker on
 * webgpu, webgl and cpu, the loss chart, long tasks on the real page, and the size of the page's
 * JavaScript. Prints the budget table, writes every figure with the machine, browser, backend and
 * adapter to bench/results/bench-<date>.json and bench/results/latest.json, and refreshes the table
 * in docs/benchmarks.md. --quick: a tiny configuration (every figure, no budgets worth reading; writes
 * only under bench/.build/). Builds into bench/.build/ (the shared dist/ is left alone).
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findChromium, WEBGPU_CHROMIUM_ARGS } from '../test/findChromium';
import { runBrowserSuite, type BrowserResults } from './browser';
import { attributeMainThread, measureBundle } from './bundle';
import { buildFigures, figureTable, type Figure } from './figures';
import { runNodeSuite, type NodeResults } from './node';
import { serveBuilds } from './serve';
import { browserSizes, nodeSizes, type Profile } from './suites';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BUILD_DIR = join(REPO_ROOT, 'bench/.build');
const RESULTS_DIR = join(REPO_ROOT, 'bench/results');
const DOCS = join(REPO_ROOT, 'docs/benchmarks.md');
export const DOCS_BEGIN = '<!-- bench:results:begin (written by npm run bench) -->';
export const DOCS_END = '<!-- bench:results:end -->';

export interface BenchReport {
  schema: 1;
  date: string;
  command: string;
  profile: Profile;
  seconds: { total: number; node?: number; build?: number; browser?: number; parts: Record<string, number> };
  machine: {
    platform: string; release: string; arch: string; cpuModel: string; cpus: number; memoryGb: number; node: string;
    loadAverage: { start: number[]; end: number[] }; gpu: string;
  };
  git: { commit: string | null; dirty: boolean | null };
  browser: { executable: string; version: string | null; userAgent: string | null; args: readonly string[]; webgpuAdapter: unknown } | null;
  figures: Figure[];
  node?: Partial<NodeResults>;
  browserResults?: Partial<BrowserResults>;
  bundle?: ReturnType<typeof measureBundle> & { attribution: ReturnType<typeof attributeMainThread> };
  sizes: { node: unknown; browser: unknown };
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (b: Buffer) => { tail = (tail + b.toString()).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${tail}`))));
  });
}

function git(args: string[]): string | null {
  try { return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; }
}

/** Resident memory (MB) of the GPU process of the Chromium that uses `userDataDir` (Linux /proc), or null. */
export function gpuProcessRss(userDataDir: string): number | null {
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let cmdline: string;
      try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
      if (!cmdline.includes('--type=gpu-process') || !cmdline.includes(`--user-data-dir=${userDataDir}`)) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Math.round(Number(m[1]) / 1024) : null;
    }
  } catch { /* not Linux */ }
  return null;
}

export function updateDocs(report: BenchReport, docsPath = DOCS): boolean {
  let text: string;
  try { text = readFileSync(docsPath, 'utf8'); } catch { return false; }
  const a = text.indexOf(DOCS_BEGIN);
  const b = text.indexOf(DOCS_END);
  if (a < 0 || b < a) return false;
  writeFileSync(docsPath, `${text.slice(0, a + DOCS_BEGIN.length)}\n${resultsMarkdown(report)}\n${text.slice(b)}`);
  return true;
}

export function resultsMarkdown(r: BenchReport): string {
  const m = r.machine;
  const met = r.figures.filter((f) => f.status === 'met').length;
  const missed = r.figures.filter((f) => f.status === 'missed');
  return [
    `Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC with \`${r.command}\` (${r.profile} profile) in ${Math.round(r.seconds.total / 60)} min, commit ${r.git.commit?.slice(0, 10) ?? '?'}${r.git.dirty ? ' (with uncommitted changes)' : ''}.`,
    '',
    `- Machine: ${m.cpuModel}, ${m.cpus} cores, ${m.memoryGb} GB, ${m.platform} ${m.release}, Node ${m.node}; load average ${m.loadAverage.start.map((v) => v.toFixed(1)).join(' / ')} at the start, ${m.loadAverage.end.map((v) => v.toFixed(1)).join(' / ')} at the end.`,
    `- GPU: ${m.gpu}.`,
    r.browser ? `- Browser: ${r.browser.version ?? r.browser.executable}; WebGPU adapter ${JSON.stringify(r.browser.webgpuAdapter)}; flags \`${r.browser.args.join(' ')}\`.` : '- Browser: not run.',
    `- Budgets: ${met} met, ${missed.length} missed${missed.length ? ` (${missed.map((f) => `${f.name} on ${f.where}`).join('; ')})` : ''}. Figures: \`bench/results/latest.json\`.`,
    '',
    figureTable(r.figures, 'markdown'),
  ].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      'no-docs': { type: 'boolean', default: false },
      'keep-build': { type: 'boolean', default: false },
      parts: { type: 'string' },
    },
  });
  const profile: Profile = values.quick ? 'quick' : values.full ? 'full' : 'default';
  const only = values.only as 'node' | 'browser' | undefined;
  if (only && only !== 'node' && only !== 'browser') throw new Error('--only takes node or browser');
  const parts = values.parts?.split(',') as never;
  const t0 = performance.now();
  const secs = () => Math.round((performance.now() - t0) / 100) / 10;
  const log = (m: string) => console.log(`[${secs().toFixed(0).padStart(4)} s] ${m}`);
  const report: BenchReport = {
    schema: 1,
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    profile,
    seconds: { total: 0, parts: {} },
    machine: {
      platform: os.platform(), release: os.release(), arch: os.arch(), cpuModel: os.cpus()[0]?.model ?? '?', cpus: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: { start: os.loadavg(), end: [] }, gpu: 'unknown',
    },
    git: { commit: git(['rev-parse', 'HEAD']), dirty: git(['status', '--porcelain']) === null ? null : git(['status', '--porcelain']) !== '' },
    browser: null,
    figures: [],
    sizes: { node: nodeSizes(profile), browser: browserSizes(profile) },
  };
  log(`bench (${profile}${only ? `, ${only} only` : ''}): load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);

  if (only !== 'browser') {
    const n0 = performance.now();
    const node = await runNodeSuite({ profile, log, parts });
    report.node = node;
    report.seconds.node = Math.round((performance.now() - n0) / 100) / 10;
    for (const [k, v] of Object.entries(node.seconds)) report.seconds.parts[`node.${k}`] = v;
  }

  if (only !== 'node') {
    const b0 = performance.now();
    mkdirSync(BUILD_DIR, { recursive: true });
    const productDir = join(BUILD_DIR, 'product');
    const harnessDir = join(BUILD_DIR, 'harness');
    log('building the page (vite build, hidden source maps for the bundle breakdown) and the bench harness');
    await run(process.execPath, ['--import', 'tsx', 'scripts/data/ensure-data.ts']);
    await run('npx', ['vite', 'build', '--outDir', productDir, '--emptyOutDir', '--sourcemap', 'hidden']);
    await run('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--outDir', harnessDir, '--emptyOutDir']);
    report.seconds.build = Math.round((performance.now() - b0) / 100) / 10;
    const bundle = measureBundle(productDir);
    report.bundle = { ...bundle, attribution: attributeMainThread(productDir, bundle) };

    const served = await serveBuilds(productDir, harnessDir);
    const executable = findChromium();
    const userDataDir = mkdtempSync(join(os.tmpdir(), 'ftp-bench-chromium-'));
    let context: BrowserContext | null = null;
    try {
      context = await chromium.launchPersistentContext(userDataDir, { executablePath: executable, args: [...WEBGPU_CHROMIUM_ARGS], headless: true, viewport: { width: 1440, height: 1000 } });
      const browserVersion = context.browser()?.version() ?? null;
      const p0 = performance.now();
      const browser = await runBrowserSuite({ context, baseUrl: served.url, sizes: browserSizes(profile), log, gpuProcessRssMb: () => gpuProcessRss(userDataDir), parts });
      report.seconds.browser = Math.round((performance.now() - p0) / 100) / 10;
      for (const [k, v] of Object.entries(browser.seconds)) report.seconds.parts[`browser.${k}`] = v;
      report.browserResults = browser;
      report.browser = { executable, version: browserVersion ?? (browser.userAgent?.match(/Chrome\/[\d.]+/)?.[0] ?? null), userAgent: browser.userAgent ?? null, args: WEBGPU_CHROMIUM_ARGS, webgpuAdapter: browser.adapter ?? null };
      const a = browser.adapter;
      report.machine.gpu = !a ? 'no WebGPU adapter' : a.architecture === 'swiftshader'
        ? 'none: WebGPU runs on SwiftShader (a CPU implementation, vendor "google", architecture "swiftshader"), so absolute browser times are not representative of a GPU'
        : `${a.vendor} ${a.architecture} ${a.device} ${a.description}`.trim();
    } finally {
      await context?.close();
      await served.close();
      rmSync(userDataDir, { recursive: true, force: true });
      if (!values['keep-build'] && profile === 'quick') rmSync(BUILD_DIR, { recursive: true, force: true });
    }
  }

  report.machine.loadAverage.end = os.loadavg();
  report.figures = buildFigures({ node: report.node, browser: report.browserResults, bundle: report.bundle });
  report.seconds.total = secs();

  console.log(`\n${figureTable(report.figures, 'text')}\n`);
  const missed = report.figures.filter((f) => f.status === 'missed');
  console.log(`${report.figures.filter((f) => f.status === 'met').length} budgets met, ${missed.length} missed${missed.length ? `:\n${missed.map((f) => `  - ${f.name} (${f.where}): ${f.note}`).join('\n')}` : ''}`);

  const stamp = report.date.replace(/[:.]/g, '-').slice(0, 19);
  const outFile = values.out ? resolve(values.out) : profile === 'quick' ? join(BUILD_DIR, `bench-quick-${stamp}.json`) : join(RESULTS_DIR, `bench-${stamp}.json`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(report, null, 1)}\n`);
  console.log(`figures written to ${outFile}`);
  if (profile !== 'quick' && !values.out && !only) {
    writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(report, null, 1)}\n`);
    if (!values['no-docs']) console.log(updateDocs(report) ? `docs/benchmarks.md updated` : 'docs/benchmarks.md has no results markers: not updated');
  }
  console.log(`bench took ${(report.seconds.total / 60).toFixed(1)} min`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(() => process.exit(0), (e) => {
    console.error(e instanceof Error ? e.stack ?? e.message : String(e));
    process.exit(1);
  });
}
