/**
 * `npm run results`: the experiment matrix of scenarios.ts, and its report.
 *
 *   npm run results -- --scenario mnist-resnet [--seeds 5] [--parallel 2] [--quick] [--only FT,LP-FT] [--resume]
 *   npm run results -- --report-only [--quick]
 *
 * Each run is a child process of the headless runner (scripts/experiment.ts), so runs are
 * isolated and `--parallel` of them share the machine. A finished run appends one line to
 * <dir>/<scenario>.jsonl (dir: runs/results, or runs/results/quick with --quick); --resume skips
 * the runs already in it, so an interrupted matrix continues where it stopped. Without --resume
 * an existing file is set aside as <scenario>.jsonl.<time>.bak and the matrix starts over.
 * At the end (and on Ctrl-C) the report is rewritten from every results file of the folder:
 * docs/results.md (with --quick or --model: <dir>/results.md, so a check never overwrites the
 * real report).
 *
 * With --queue redis://host:port[/db] every run is a job for `npm run worker` processes on any number
 * of machines (scripts/queue/, docs/queue.md) instead of a child process here; --parallel is then
 * the workers' business, and this process writes what they return to the same file.
 *
 * Other options: --model <id> (run a scenario on another shipped model, e.g. before its own model
 * is pretrained; folder runs/results[/quick]/model-<id>, file <scenario>--<id>.jsonl),
 * --dir, --md, --backend wasm|cpu.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem, type as osType } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zooLookup } from '../../src/engine/config/modelLookup';
import type { RunSummary } from '../../src/engine/training/events';
import { makePlan, pendingJobs, type Job, type MethodProgress, type Plan } from './plan';
import { appendLine, readResults, runRecordFrom, RECORD_VERSION, type HostInfo, type RunRecord, type SessionRecord } from './records';
import { writeReport } from './report';
import { Coordinator, type JobOutcome } from '../queue/coordinator';
import { experimentPayload, jobId } from '../queue/jobs';
import { fmtDuration } from '../queue/progress';
import {
  DEFAULT_SEEDS, formatGridValue, GRID_PARAM_LABEL, METHODS, methodByLabel, QUICK_METHODS, QUICK_SEEDS, SCENARIOS, scenarioById,
} from './scenarios';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXPERIMENT = join(REPO_ROOT, 'scripts/experiment.ts');

export interface RunnerOptions {
  scenario: string;
  seeds: number;
  parallel: number;
  quick: boolean;
  only: string[] | null;
  resume: boolean;
  model?: string;
  dir: string;
  mdPath: string;
  backend: 'wasm' | 'cpu';
  command: string;
  /** redis://host:port[/db]: every run is a job for `npm run worker` processes (scripts/queue/) */
  queue?: string;
  log?: (line: string) => void;
}

export function hostInfo(): HostInfo {
  const c = cpus();
  return { os: `${osType()} ${release()}`, cpus: c.length, cpuModel: c[0]?.model.trim() ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

export function resultsFile(dir: string, scenario: string, model: string | undefined): string {
  return join(dir, model ? `${scenario}--${model}.jsonl` : `${scenario}.jsonl`);
}

function runDir(dir: string, plan: Plan, job: Job): string {
  const name = plan.model === plan.scenario.model ? plan.scenario.id : `${plan.scenario.id}--${plan.model}`;
  return join(dir, name, job.spec.label, `${job.spec.param.replace(/^method\./, '')}=${formatGridValue(job.value)}`, `seed${job.seed}`);
}

function describeJob(job: Job): string {
  return `${job.spec.label} ${GRID_PARAM_LABEL[job.spec.param]}=${formatGridValue(job.value)} seed ${job.seed}`;
}

const pct = (x: number | undefined) => (x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/**
 * Estimated wall time left: per method, its remaining runs × its mean wall time per run so far
 * (else the mean over all runs), divided by the runs in parallel.
 */
export function etaSeconds(progress: readonly MethodProgress[], records: readonly RunRecord[], parallel: number, running = 0): number {
  const finished = records.filter((r) => r.status !== 'failed' && r.wallSeconds > 0);
  if (finished.length === 0) return Number.NaN;
  const overall = finished.reduce((s, r) => s + r.wallSeconds, 0) / finished.length;
  let total = 0;
  for (const p of progress) {
    const mine = finished.filter((r) => r.method === p.spec.label);
    const per = mine.length ? mine.reduce((s, r) => s + r.wallSeconds, 0) / mine.length : overall;
    total += Math.max(0, p.planned - p.done - p.failed) * per;
  }
  // runs in progress are counted as remaining whole; roughly half of them is done on average
  total -= (running * overall) / 2;
  return Math.max(0, total) / Math.max(1, parallel);
}

interface ChildOutcome { summary?: RunSummary; error?: string; wallSeconds?: number; startedAt?: Date; finishedAt?: Date }

/** A queue job's outcome in the child's terms: the worker's run time and summary, or its error. */
function fromQueue(outcome: Exclude<JobOutcome, { interrupted: true }>): ChildOutcome {
  if (!outcome.ok) return { error: outcome.attempts > 1 ? `${outcome.error} (after ${outcome.attempts} attempts)` : outcome.error };
  if (outcome.result.kind !== 'experiment') return { error: 'a worker returned another kind of result' };
  const r = outcome.result;
  return { summary: r.summary, wallSeconds: r.wallSeconds, startedAt: new Date(r.startedAt), finishedAt: new Date(r.finishedAt) };
}

function runChild(config: Job['config'], outDir: string, backend: string, runsAtOnce: number, children: Set<ChildProcess>): Promise<ChildOutcome> {
  mkdirSync(outDir, { recursive: true });
  const configPath = join(outDir, 'config.json');
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  const summaryPath = join(outDir, 'summary.json');
  if (existsSync(summaryPath)) renameSync(summaryPath, `${summaryPath}.old`);
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--import', 'tsx', EXPERIMENT, configPath, '--out', outDir, '--backend', backend, '--quiet', '--runs-at-once', String(runsAtOnce)], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    children.add(child);
    let log = '';
    const keep = (b: Buffer) => { log = (log + b.toString()).slice(-20_000); };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.on('close', (code, signal) => {
      children.delete(child);
      writeFileSync(join(outDir, 'log.txt'), log);
      // exit 0: completed; 3: diverged (the summary is written either way)
      if ((code === 0 || code === 3) && existsSync(summaryPath)) {
        try {
          resolvePromise({ summary: JSON.parse(readFileSync(summaryPath, 'utf8')) as RunSummary });
          return;
        } catch (e) {
          resolvePromise({ error: `unreadable summary.json: ${(e as Error).message}` });
          return;
        }
      }
      const tail = log.trim().split('\n').slice(-6).join(' | ');
      resolvePromise({ error: `exit ${code ?? signal}: ${tail}`.slice(0, 2000) });
    });
    child.on('error', (e) => { children.delete(child); resolvePromise({ error: `spawn failed: ${e.message}` }); });
  });
}

/** Runs (or resumes) one scenario's matrix. Resolves with the records of this session; rewrites the report. */
export async function runMatrix(opts: RunnerOptions): Promise<{ records: RunRecord[]; interrupted: boolean; file: string }> {
  let log = opts.log ?? ((l: string) => console.log(l));
  const scenario = scenarioById(opts.scenario);
  if (!scenario) throw new Error(`unknown scenario ${opts.scenario} (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
  const specs = opts.only
    ? opts.only.map((l) => {
      const s = methodByLabel(l);
      if (!s) throw new Error(`--only: unknown method ${l} (known: ${METHODS.map((m) => m.label).join(', ')})`);
      return s;
    })
    : opts.quick ? QUICK_METHODS.map((l) => methodByLabel(l)!) : METHODS;
  const modelOverride = opts.model && opts.model !== scenario.model ? opts.model : undefined;
  const plan = makePlan({ scenario, methods: specs, seeds: opts.seeds, quick: opts.quick, lookup: zooLookup, model: modelOverride });
  const modelFiles = join(REPO_ROOT, 'public', 'models', plan.model, 'model.json');
  if (!existsSync(modelFiles)) {
    throw new Error(`${relative(REPO_ROOT, modelFiles)} is missing: the pretrained model ${plan.model} is not built yet (npm run pretrain -- --model ${plan.model}); `
      + `to try the scenario on another model meanwhile: --model resnet-broad or --model mlp-broad`);
  }
  for (const s of plan.skipped) log(`skipping ${s.spec.label}: ${s.reason}`);

  // before anything is written: an unreachable Redis leaves the results file as it was
  const queue = opts.queue ? await Coordinator.open(opts.queue, { fresh: !opts.resume }) : undefined;
  if (queue) log = (l) => queue.log(l);
  try {
    return await matrixSession(opts, plan, log, queue);
  } finally {
    await queue?.close();
  }
}

async function matrixSession(opts: RunnerOptions, plan: Plan, log: (line: string) => void, queue: Coordinator | undefined): Promise<{ records: RunRecord[]; interrupted: boolean; file: string }> {
  const scenario = plan.scenario;
  const modelOverride = plan.model !== scenario.model ? plan.model : undefined;
  mkdirSync(opts.dir, { recursive: true });
  const file = resultsFile(opts.dir, scenario.id, modelOverride);
  let existing = readResults(file);
  if (!opts.resume && (existing.runs.length || existing.sessions.length)) {
    const backup = `${file}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    renameSync(file, backup);
    log(`${relative(REPO_ROOT, file)} had ${existing.runs.length} runs: moved to ${relative(REPO_ROOT, backup)} (use --resume to continue it instead)`);
    existing = { runs: [], sessions: [], skipped: 0 };
  }
  const session: SessionRecord = {
    type: 'session', version: RECORD_VERSION, id: `${Date.now().toString(36)}-${process.pid}`, scenario: scenario.id, model: plan.model,
    startedAt: new Date().toISOString(), command: opts.command,
    options: {
      seeds: opts.seeds, parallel: opts.parallel, quick: opts.quick, only: opts.only, resume: opts.resume, backend: opts.backend,
      ...(queue ? { queue: queue.target.shown } : {}),
    },
    plan: {
      methods: plan.methods.map((m) => ({ label: m.label, param: m.param, grid: [...m.grid] })),
      skipped: plan.skipped.map((s) => ({ method: s.spec.label, reason: s.reason })),
    },
    host: hostInfo(),
  };
  appendLine(file, session);

  const records: RunRecord[] = [...existing.runs];
  const mine: RunRecord[] = [];
  const attempted = new Set<string>();
  const announced = new Set<string>();
  const children = new Set<ChildProcess>();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    log('\ninterrupted: stopping the runs in progress (they are not recorded); --resume continues from here');
    for (const c of children) c.kill('SIGTERM');
    queue?.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const running = new Map<string, Promise<void>>();
  const first = pendingJobs(plan, records, attempted, new Set(running.keys()), zooLookup);
  // methods whose grid was already settled in the file: no "grid done" line for them
  for (const p of first.progress) if (p.chosen !== undefined) announced.add(p.spec.label);
  const total = first.progress.reduce((s, p) => s + p.planned, 0);
  const already = first.progress.reduce((s, p) => s + p.done, 0);
  const parallel = queue ? Number.POSITIVE_INFINITY : opts.parallel;
  const how = queue ? `through ${queue.target.shown} (workers: npm run worker -- --queue ${queue.target.shown})` : `${opts.parallel} in parallel`;
  log(`${scenario.id} (${plan.model}): ${plan.methods.length} methods × (${plan.methods[0]?.grid.length ?? 0} grid points + ${opts.seeds - 1} seed${opts.seeds === 2 ? '' : 's'}) = ${total} runs`
    + `${already ? `, ${already} already in ${relative(REPO_ROOT, file)}` : ''}; ${how}; results → ${relative(REPO_ROOT, file)}`);
  queue?.plan(total, already);
  const startedMs = Date.now();
  let finishedCount = already;

  const launch = (job: Job) => {
    attempted.add(job.key);
    const startedAt = new Date();
    const id = jobId('experiment', resolve(file), job.key);
    const queued = queue?.submit(id, experimentPayload(job.config, job.key, opts.backend, false));
    const run = queued
      ? queued.then((o) => ('interrupted' in o ? undefined : fromQueue(o)))
      : runChild(job.config, runDir(opts.dir, plan, job), opts.backend, opts.parallel, children);
    const p = run.then(async (outcome) => {
      running.delete(job.key);
      if (!outcome || interrupted) return;
      if (outcome.summary?.status === 'stopped') return;
      const finishedAt = outcome.finishedAt ?? new Date();
      const record = runRecordFrom({
        scenario: scenario.id, model: plan.model, method: job.spec.label, param: job.spec.param, value: job.value, seed: job.seed, stage: job.stage,
        wallSeconds: outcome.wallSeconds ?? (finishedAt.getTime() - startedAt.getTime()) / 1000, session: session.id,
        startedAt: (outcome.startedAt ?? startedAt).toISOString(), finishedAt: finishedAt.toISOString(), config: job.config,
      }, outcome.summary ? { summary: outcome.summary } : { error: outcome.error ?? 'unknown error' });
      appendLine(file, record);
      if (queue) await queue.written(id, await queued!);
      records.push(record);
      mine.push(record);
      finishedCount++;
      const { progress } = pendingJobs(plan, records, attempted, new Set(running.keys()), zooLookup);
      const eta = queue ? undefined : etaSeconds(progress, records, opts.parallel, running.size);
      const what = record.status === 'failed'
        ? `FAILED: ${record.error}`
        : `${record.status === 'diverged' ? `diverged at step ${record.divergedAtStep}; ` : ''}ID ${pct(record.last?.idAcc)} val ${pct(record.last?.valAcc)} OOD ${pct(record.last?.oodMean)} (worst ${pct(record.last?.oodWorst)}) · ${record.wallSeconds.toFixed(0)} s`;
      log(`[${finishedCount}/${total}] ${describeJob(job)}: ${what} · elapsed ${fmtDuration((Date.now() - startedMs) / 1000)}${eta === undefined ? '' : ` · ETA ${fmtDuration(eta)}`}`);
      const prog = progress.find((x) => x.spec.label === job.spec.label);
      if (prog?.chosen !== undefined && !announced.has(job.spec.label)) {
        announced.add(job.spec.label);
        log(`  ${job.spec.label}: grid done → ${GRID_PARAM_LABEL[job.spec.param]} ${formatGridValue(prog.chosen)} (best ID validation accuracy)${opts.seeds > 1 ? `; ${opts.seeds > 2 ? `seeds 1–${opts.seeds - 1}` : 'seed 1'} next` : ''}`);
      }
    });
    running.set(job.key, p);
  };

  for (;;) {
    if (!interrupted) {
      const { ready } = pendingJobs(plan, records, attempted, new Set(running.keys()), zooLookup);
      for (const job of ready) {
        if (running.size >= parallel) break;
        log(`  ${queue ? 'queued' : 'start'} ${describeJob(job)}${freemem() < 1.5 * 2 ** 30 ? ` (free memory ${(freemem() / 2 ** 30).toFixed(1)} GiB)` : ''}`);
        launch(job);
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);

  const { progress } = pendingJobs(plan, records, attempted, new Set(running.keys()), zooLookup);
  const failed = mine.filter((r) => r.status === 'failed').length;
  const left = progress.reduce((s, p) => s + Math.max(0, p.planned - p.done), 0);
  log(`${interrupted ? 'stopped' : 'done'}: ${mine.length} runs in ${fmtDuration((Date.now() - startedMs) / 1000)}${failed ? `, ${failed} failed (rerun with --resume)` : ''}${left && !failed ? `, ${left} left` : ''}`);
  return { records: mine, interrupted, file };
}

export function parseRunnerArgs(argv: string[]): RunnerOptions & { reportOnly: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      seeds: { type: 'string' },
      parallel: { type: 'string', default: '2' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      resume: { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
      model: { type: 'string' },
      dir: { type: 'string' },
      md: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      queue: { type: 'string' },
    },
  });
  const quick = values.quick!;
  // quick checks and runs on a substitute model get their own folder and report, never docs/results.md
  const scenarioModel = values.scenario ? scenarioById(values.scenario)?.model : undefined;
  const override = values.model && values.model !== scenarioModel ? values.model : undefined;
  const sideRun = quick || override !== undefined;
  const dir = resolve(REPO_ROOT, values.dir ?? join(quick ? 'runs/results/quick' : 'runs/results', override ? `model-${override}` : ''));
  const seeds = values.seeds === undefined ? (quick ? QUICK_SEEDS : DEFAULT_SEEDS) : Number(values.seeds);
  const parallel = Number(values.parallel);
  if (!Number.isInteger(seeds) || seeds < 1) throw new Error('--seeds must be an integer ≥ 1');
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error('--parallel must be an integer ≥ 1');
  if (values.backend !== 'wasm' && values.backend !== 'cpu') throw new Error('--backend must be wasm or cpu');
  if (!values['report-only'] && !values.scenario) throw new Error(`--scenario is required (${SCENARIOS.map((s) => s.id).join(', ')})`);
  return {
    scenario: values.scenario ?? '',
    seeds, parallel, quick,
    only: values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : null,
    resume: values.resume!,
    model: values.model,
    dir,
    mdPath: resolve(REPO_ROOT, values.md ?? (sideRun ? join(dir, 'results.md') : 'docs/results.md')),
    backend: values.backend,
    reportOnly: values['report-only']!,
    ...(values.queue ? { queue: values.queue } : {}),
    command: ['npm run results --', ...argv].join(' '),
  };
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof parseRunnerArgs>;
  try {
    opts = parseRunnerArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run results -- --scenario <${SCENARIOS.map((s) => s.id).join('|')}> [--seeds 5] [--parallel 2] [--quick] [--only FT,LP-FT] [--resume] [--model id] [--queue redis://host:port[/db]]\n       npm run results -- --report-only [--quick] [--model id]`);
    return 2;
  }
  let code = 0;
  if (!opts.reportOnly) {
    try {
      const r = await runMatrix(opts);
      if (r.interrupted) code = 130;
      else if (r.records.some((x) => x.status === 'failed')) code = 1;
    } catch (e) {
      console.error((e as Error).message);
      return 2;
    }
  }
  writeReport(opts.dir, opts.mdPath);
  console.log(`wrote ${relative(REPO_ROOT, opts.mdPath)} from ${relative(REPO_ROOT, opts.dir)}/*.jsonl`);
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code), (e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
}
