/**
 * The headless runner: the same engine and config schema as the page, in Node.
 *   npm run experiment -- <config.json> [more.json …] [--out runs/<name>] [--backend wasm|cpu] [--quiet] [--runs-json <file>]
 *                         [--queue redis://host:port[/db]] [--resume]
 * The config may be partial (missing fields take the page's defaults). Writes <out>/events.jsonl
 * (one run event per line, as the worker sends them to the page) and <out>/summary.json; with
 * --runs-json also the run as a runs file (the page's export/import format, src/protocol/runFile.ts)
 * that the page's Runs tab imports. The page also imports events.jsonl + summary.json directly.
 * Several configs run one after another, each into <out>/<config name>/ (experiment/batch.ts); with
 * --queue they are jobs for `npm run worker` processes (scripts/queue/), and this process writes
 * what they return.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { zooLookup } from '../src/engine/config/modelLookup';
import type { RunConfig } from '../src/engine/config/schema';
import { validateConfig, withDefaults } from '../src/engine/config/validate';
import type { RunEvent, RunSummary } from '../src/engine/training/events';
import { buildRunFile, serialiseRunFile } from '../src/protocol/runFile';
import { runTraining } from '../src/engine/training/run';
import { publicDirReader } from './node/fileAssets';
import { useNodeBackend, type NodeBackend } from './node/tfNode';
import { runBatch } from './experiment/batch';
import { Coordinator } from './queue/coordinator';

export interface ExperimentOptions {
  outDir?: string;
  backend?: NodeBackend;
  quiet?: boolean;
  onEvent?: (e: RunEvent) => void;
  /** Ctrl-C stops the run after its current step (default); a queue worker's child leaves SIGINT to BullMQ */
  stopOnSigint?: boolean;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function parseConfig(input: unknown): RunConfig {
  const result = validateConfig(withDefaults(input), zooLookup);
  if (!result.ok) throw new Error(`invalid config:\n  ${result.errors.map((e) => e.message).join('\n  ')}`);
  return result.config;
}

export async function runExperiment(config: RunConfig, opts: ExperimentOptions = {}): Promise<RunSummary> {
  await useNodeBackend(opts.backend ?? 'wasm');
  const log = (m: string) => { if (!opts.quiet) console.log(m); };
  const eventsPath = opts.outDir ? join(opts.outDir, 'events.jsonl') : undefined;
  if (opts.outDir) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(eventsPath!, '');
  }
  let stopRequested = false;
  const onSigint = () => { stopRequested = true; log('stopping after this step…'); };
  if (opts.stopOnSigint !== false) process.once('SIGINT', onSigint);
  try {
    return await runTraining(config, {
      reader: publicDirReader(),
      control: { checkpoint: () => new Promise((resolve) => setImmediate(() => resolve(stopRequested))) },
      emit: (e) => {
        if (eventsPath) appendFileSync(eventsPath, `${JSON.stringify(e)}\n`);
        opts.onEvent?.(e);
        if (e.type === 'status' && e.status !== 'evaluating' && e.status !== 'training') log(`[${e.status}] ${e.message}`);
        if (e.type === 'eval') {
          const r = e.record;
          log(`step ${String(r.step).padStart(5)} ${r.phase.padEnd(8)} ID ${pct(r.idAcc)}  val ${pct(r.valAcc)}  OOD mean ${pct(r.oodMean)} worst ${pct(r.oodWorst)} (${r.worstShift})  distortion ID ${r.distortion.id.l2.toFixed(3)} OOD ${r.distortion.ood.l2.toFixed(3)}  (${r.evalMs.toFixed(0)} ms)`);
        }
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

const USAGE = `usage: npm run experiment -- <config.json> [more.json …] [--out runs/<name>] [--backend wasm|cpu] [--quiet] [--runs-json <file>]
       [--queue redis://host:port[/db]] [--resume]
  several configs: each run in <out>/<config name>/; --queue: the runs are jobs for \`npm run worker\` processes;
  --resume: skip the runs whose folder already holds their summary`;

function printSummary(summary: RunSummary, outDir: string): void {
  const last = summary.last;
  console.log(`${summary.status}: ${summary.stepsDone}/${summary.totalSteps} steps in ${summary.seconds.toFixed(1)} s (${summary.stepsPerSec.toFixed(2)} steps/s, eval ${pct(summary.evalShare)} of wall time)`);
  if (last) console.log(`last: ID ${pct(last.idAcc)}, OOD mean ${pct(last.oodMean)}, worst ${pct(last.oodWorst)}; best-val step ${summary.bestVal?.step}: ID ${pct(summary.bestVal?.idAcc ?? 0)}, OOD ${pct(summary.bestVal?.oodMean ?? 0)}`);
  console.log(`wrote ${outDir}/events.jsonl and summary.json`);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' }, backend: { type: 'string', default: 'wasm' }, quiet: { type: 'boolean', default: false },
        'runs-json': { type: 'string' }, queue: { type: 'string' }, resume: { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0 || (values.backend !== 'wasm' && values.backend !== 'cpu')) {
    console.error(USAGE);
    return 2;
  }
  const backend = values.backend as NodeBackend;
  const configs: { name: string; config: RunConfig }[] = [];
  for (const file of positionals) {
    try {
      configs.push({ name: basename(file, '.json'), config: parseConfig(JSON.parse(readFileSync(file, 'utf8'))) });
    } catch (e) {
      console.error(`${file}: ${(e as Error).message}`);
      return 2;
    }
  }
  const names = configs.map((c) => c.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) { console.error(`two configs are named ${twice}.json: each run's folder is named after its config file`); return 2; }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = values.out ?? join('runs', `${configs.length === 1 ? configs[0].name : 'experiment'}-${stamp}`);
  const runsJson = values['runs-json'];
  const label = (name: string, config: RunConfig) => `${name} · seed ${config.seed}`;

  if (configs.length === 1 && !values.queue) {
    const [{ name, config }] = configs;
    const events: RunEvent[] = [];
    const summary = await runExperiment(config, { outDir, backend, quiet: values.quiet, onEvent: runsJson ? (e) => events.push(e) : undefined });
    writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    if (runsJson) {
      writeFileSync(runsJson, serialiseRunFile(buildRunFile([{ config, events, summary, label: label(name, config) }], 'npm run experiment')));
      console.log(`wrote ${runsJson} (runs file: import it in the page's Runs tab)`);
    }
    printSummary(summary, outDir);
    return summary.status === 'diverged' ? 3 : 0;
  }

  let queue: Coordinator | undefined;
  try {
    queue = values.queue ? await Coordinator.open(values.queue, { fresh: !values.resume }) : undefined;
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const onSigint = () => { queue?.stop(); console.log('\nstopping: queued runs stay in Redis; run the same command with --resume to collect them'); };
  if (queue) process.once('SIGINT', onSigint);
  const runs = configs.map((c) => ({ ...c, dir: configs.length === 1 ? outDir : join(outDir, c.name) }));
  console.log(`${runs.length} run${runs.length === 1 ? '' : 's'}${queue ? ` through ${queue.target.shown} (workers: npm run worker -- --queue ${queue.target.shown})` : ''} → ${outDir}`);
  try {
    const { finished, failed } = await runBatch(runs, { backend, quiet: values.quiet, resume: values.resume, queue, log: (l) => console.log(l) });
    if (runsJson && finished.length) {
      writeFileSync(runsJson, serialiseRunFile(buildRunFile(finished.map((f) => ({ config: f.run.config, events: f.events, summary: f.summary, label: label(f.run.name, f.run.config) })), 'npm run experiment')));
      console.log(`wrote ${runsJson} (${finished.length} runs: import it in the page's Runs tab)`);
    }
    console.log(`${finished.length} of ${runs.length} runs in ${outDir}${failed.length ? `; ${failed.length} failed (error.txt in their folders; --resume reruns them)` : ''}`);
    return failed.length ? 1 : finished.length < runs.length ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    await queue?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => process.exit(code), (e) => { console.error(e instanceof Error ? e.stack : e); process.exit(1); });
}
