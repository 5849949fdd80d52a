/**
 * One run of the headless runner: the engine in Node on wasm or cpu, its events written as JSON
 * lines to <outDir>/events.jsonl and logged. The CLI (scripts/experiment.ts), a batch of configs
 * (batch.ts) and a queue worker's child (scripts/queue/execute.ts) all run through here.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zooLookup } from '../../src/engine/config/modelLookup';
import type { RunConfig } from '../../src/engine/config/schema';
import { validateConfig, withDefaults } from '../../src/engine/config/validate';
import type { RunEvent, RunSummary } from '../../src/engine/training/events';
import { runTraining } from '../../src/engine/training/run';
import { publicDirReader } from '../node/fileAssets';
import { asideFits, startEvalThread } from '../node/evalAside';
import { useNodeBackend, type NodeBackend } from '../node/tfNode';

export interface ExperimentOptions {
  outDir?: string;
  backend?: NodeBackend;
  quiet?: boolean;
  onEvent?: (e: RunEvent) => void;
  /** Ctrl-C stops the run after its current step (default); a queue worker's child leaves SIGINT to BullMQ */
  stopOnSigint?: boolean;
  /** runs sharing this machine now (this one included): whether evaluation gets a thread of its own (default 1) */
  runsAtOnce?: number;
  /** evaluation beside training in a worker thread: default where the cores allow it (evalAside.ts) */
  evalAside?: boolean;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function parseConfig(input: unknown): RunConfig {
  const result = validateConfig(withDefaults(input), zooLookup);
  if (!result.ok) throw new Error(`invalid config:\n  ${result.errors.map((e) => e.message).join('\n  ')}`);
  return result.config;
}

export async function runExperiment(config: RunConfig, opts: ExperimentOptions = {}): Promise<RunSummary> {
  const backend = opts.backend ?? 'wasm';
  await useNodeBackend(backend);
  const log = (m: string) => { if (!opts.quiet) console.log(m); };
  const eventsPath = opts.outDir ? join(opts.outDir, 'events.jsonl') : undefined;
  if (opts.outDir) {
    mkdirSync(opts.outDir, { recursive: true });
    writeFileSync(eventsPath!, '');
  }
  let stopRequested = false;
  const onSigint = () => { stopRequested = true; log('stopping after this step…'); };
  if (opts.stopOnSigint !== false) process.once('SIGINT', onSigint);
  const aside = opts.evalAside ?? asideFits(opts.runsAtOnce ?? 1);
  try {
    return await runTraining(config, {
      reader: publicDirReader(),
      // the same numbers either way (src/engine/training/evalAside.test.ts); beside training, the run is not held by them
      ...(aside ? { evalAside: startEvalThread(config, backend) } : {}),
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
