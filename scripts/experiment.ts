/**
 * The headless runner: the same engine and config schema as the page, in Node.
 *   npm run experiment -- <config.json> [more.json …] [--out runs/<name>] [--backend wasm|cpu] [--quiet] [--runs-json <file>]
 *                         [--queue redis://host:port[/db]] [--resume] [--runs-at-once N]
 * The config may be partial (missing fields take the page's defaults). Writes <out>/events.jsonl
 * (one run event per line, as the worker sends them to the page) and <out>/summary.json; with
 * --runs-json also the run as a runs file (the page's export/import format, src/protocol/runFile.ts)
 * that the page's Runs tab imports. The page also imports events.jsonl + summary.json directly.
 * Several configs run one after another, each into <out>/<config name>/ (experiment/batch.ts); with
 * --queue they are jobs for `npm run worker` processes (scripts/queue/), and this process writes
 * what they return. Where the cores allow it (two per run on the machine; --runs-at-once says how
 * many share it), a run evaluates beside training in a worker thread (node/evalAside.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunConfig } from '../src/engine/config/schema';
import type { RunEvent, RunSummary } from '../src/engine/training/events';
import { buildRunFile, serialiseRunFile } from '../src/protocol/runFile';
import type { NodeBackend } from './node/tfNode';
import { runBatch } from './experiment/batch';
import { parseConfig, pct, runExperiment } from './experiment/runOne';
import { Coordinator } from './queue/coordinator';

const USAGE = `usage: npm run experiment -- <config.json> [more.json …] [--out runs/<name>] [--backend wasm|cpu] [--quiet] [--runs-json <file>]
       [--queue redis://host:port[/db]] [--resume] [--runs-at-once N]
  several configs: each run in <out>/<config name>/; --queue: the runs are jobs for \`npm run worker\` processes;
  --resume: skip the runs whose folder already holds their summary;
  --runs-at-once: runs sharing this machine (default 1): evaluation gets a thread of its own where 2 cores per run are free`;

function printSummary(summary: RunSummary, outDir: string): void {
  const last = summary.last;
  console.log(`${summary.status}: ${summary.stepsDone}/${summary.totalSteps} steps in ${summary.seconds.toFixed(1)} s (${summary.stepsPerSec.toFixed(2)} steps/s, ${summary.evalAside
    ? `training held by evaluation ${pct(summary.evalShare)} of wall time: evaluated beside training in a thread, ${summary.evalSeconds?.toFixed(1)} s of its own`
    : `eval ${pct(summary.evalShare)} of wall time`})`);
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
        'runs-at-once': { type: 'string', default: '1' },
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
  const runsAtOnce = Number(values['runs-at-once']);
  if (!Number.isInteger(runsAtOnce) || runsAtOnce < 1) { console.error(`--runs-at-once takes a whole number ≥ 1\n${USAGE}`); return 2; }
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
    const summary = await runExperiment(config, { outDir, backend, quiet: values.quiet, runsAtOnce, onEvent: runsJson ? (e) => events.push(e) : undefined });
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
    const { finished, failed } = await runBatch(runs, { backend, quiet: values.quiet, resume: values.resume, queue, runsAtOnce, log: (l) => console.log(l) });
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
