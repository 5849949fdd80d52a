/**
 * Runs a sweep's points one after another with the engine (Node) and appends one JSON line per run
 * (src/engine/sweep/record.ts) as each finishes, so a long sweep can be watched, stopped and resumed:
 * points already in the file under the same sweep name are skipped.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { zooLookup } from '../../src/engine/config/modelLookup';
import { validateConfig } from '../../src/engine/config/validate';
import { parseSweepLines, sweepRecord, type SweepRecord } from '../../src/engine/sweep/record';
import { pointKey, sweepConfig, sweepPoints, type SweepSpec } from '../../src/engine/sweep/spec';
import type { EvalRecord, RunInfo, RunSummary } from '../../src/engine/training/events';
import { runTraining } from '../../src/engine/training/run';
import { publicDirReader } from '../node/fileAssets';

export interface SweepRunOptions {
  name: string;
  out: string;
  log?: (line: string) => void;
  shouldStop?: () => boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export async function runSweep(spec: SweepSpec, opts: SweepRunOptions): Promise<SweepRecord[]> {
  const log = opts.log ?? (() => {});
  mkdirSync(dirname(opts.out), { recursive: true });
  const done = new Set(existsSync(opts.out) && readFileSync(opts.out, 'utf8').trim()
    ? parseSweepLines(readFileSync(opts.out, 'utf8')).filter((r) => r.sweep === opts.name).map((r) => pointKey(r.point)) : []);
  const points = sweepPoints(spec);
  const out: SweepRecord[] = [];
  for (const [i, point] of points.entries()) {
    if (opts.shouldStop?.()) break;
    if (done.has(pointKey(point))) { log(`[${i + 1}/${points.length}] ${pointKey(point)}: already in ${opts.out}`); continue; }
    const validation = validateConfig(sweepConfig(spec, point), zooLookup);
    if (!validation.ok) throw new Error(`${pointKey(point)}: ${validation.errors.map((e) => e.message).join('; ')}`);
    const config = validation.config;
    let info: RunInfo | null = null;
    const evals: EvalRecord[] = [];
    let summary: RunSummary | null = null;
    summary = await runTraining(config, {
      reader: publicDirReader(),
      control: { checkpoint: () => new Promise((resolve) => setImmediate(() => resolve(opts.shouldStop?.() ?? false))) },
      emit: (e) => {
        if (e.type === 'info') info = e.info;
        if (e.type === 'eval') evals.push(e.record);
      },
    });
    const record = sweepRecord(opts.name, point, config, { info, evals, summary });
    appendFileSync(opts.out, `${JSON.stringify(record)}\n`);
    out.push(record);
    log(`[${i + 1}/${points.length}] ${pointKey(point)}: ${record.flippedLabels} labels flipped; final train err ${pct(record.final.trainErr)}, test err ${pct(record.final.testErr)}; ` +
      `min test err ${pct(Math.min(...record.curve.map((c) => c.testErr)))}; train err ≈ 0 at epoch ${record.interpolationEpoch ?? '—'} (${record.seconds.toFixed(0)} s)`);
  }
  return out;
}
