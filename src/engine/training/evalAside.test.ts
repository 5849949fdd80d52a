/**
 * Evaluation beside training gives the numbers evaluation in the run gives: the replica (built
 * from the config alone, in the same process here; in its own worker in the page) on the run's
 * weight snapshots, against the same seeded run evaluating itself, for every method and every
 * modifier on the real pretrained ResNet (wasm; every combination was checked once: 30/30 equal). Also: a replica that fails mid-run leaves the
 * run's numbers as they were (the run evaluates the lost snapshot itself).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG, METHOD_LR } from '../config/defaults';
import type { MethodConfig, RunConfig } from '../config/schema';
import { allowedCombinations, combinationLabel } from '../methods/allowedCombinations';
import { zooEntry } from '../models/zoo';
import { inThreadAside, type EvalAside } from './evalReplica';
import type { EvalRecord, RunEvent, RunSummary } from './events';
import { runTraining } from './run';

const TINY: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 2,
  shifts: ['rotation', 'inversion'], duration: { unit: 'steps', value: 4 },
  method: { ...DEFAULT_CONFIG.method, lpSteps: 2 },
};
const reader = publicDirReader();

/** A replica in this process, as the page's evaluation worker holds one; `failAfter` makes it fail from that call on. */
async function replicaAside(config: RunConfig, failAfter = Infinity): Promise<EvalAside & { calls: number; closed: boolean }> {
  const inner = inThreadAside(config, { reader });
  const aside = {
    calls: 0, closed: false,
    async forward(weights: Float32Array[]) {
      if (++aside.calls > failAfter) throw new Error('replica gone');
      return inner.forward(weights);
    },
    close() { aside.closed = true; inner.close(); },
  };
  return aside;
}

async function run(config: RunConfig, evalAside?: EvalAside): Promise<{ summary: RunSummary; evals: EvalRecord[]; inside: unknown[]; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const summary = await runTraining(config, { reader, control: { checkpoint: async () => false }, emit: (e) => { events.push(e); }, evalAside });
  const evals = events.flatMap((e) => (e.type === 'eval' ? [e.record] : []));
  const inside = events.flatMap((e) => (e.type === 'insight' ? [e.insight] : []));
  return { summary, evals, inside, events };
}

/** Everything an evaluation reports but its timings. */
const numbers = ({ evalMs: _ms, elapsedSec: _s, ...rest }: EvalRecord) => rest;

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('evaluation beside training', () => {
  // each method alone, each modifier on FT, and a modifier on each method that prepares the network (DAFT, LP-FT, freezing)
  const wanted = ['ft', 'lp', 'lp-ft', 'frozen-2', 'daft', 'levi', 'ft+spd', 'ft+l2sp', 'ft+ftlp', 'daft+spd', 'lp-ft+ftlp', 'frozen-2+l2sp'];
  const combos = allowedCombinations(zooEntry('resnet-broad')!).filter((m) => wanted.includes(combinationLabel(m)));
  it('covers the methods it means to', () => expect(combos.map(combinationLabel).sort()).toEqual([...wanted].sort()));

  it.each(combos.map((m) => [combinationLabel(m), m] as const))('%s: the same numbers as evaluating in the run', async (label, method: MethodConfig) => {
    const config = { ...TINY, method, lr: METHOD_LR[method.kind] };
    const here = await run(config);
    const aside = await replicaAside(config);
    const beside = await run(config, aside);
    expect(beside.evals.map((e) => e.step)).toEqual(here.evals.map((e) => e.step));
    expect(beside.evals.map(numbers)).toEqual(here.evals.map(numbers));
    expect(beside.inside).toEqual(here.inside);
    expect(aside.closed).toBe(true);
    // LEVI predicts with more than the network: it evaluates in the run
    const usedAside = method.kind !== 'levi';
    expect(beside.summary.evalAside).toBe(usedAside);
    expect(aside.calls).toBe(usedAside ? here.evals.length - 1 : 0); // the first evaluation, before training, is the run's own
    expect(here.summary.evalAside).toBe(false);
    expect(label).toBeTruthy();
  });

  it('keeps its numbers when the replica fails mid-run, and says so', async () => {
    const config = { ...TINY, duration: { unit: 'steps' as const, value: 8 } };
    const here = await run(config);
    const before = tf.memory().numTensors;
    const aside = await replicaAside(config, 2);
    const beside = await run(config, aside);
    expect(beside.evals.map(numbers)).toEqual(here.evals.map(numbers));
    expect(beside.summary.evalAside).toBe(false);
    expect(aside.calls).toBe(3); // steps 2 and 4 beside, step 6 failed (step 0 is the run's own)
    const said = beside.events.flatMap((e) => (e.type === 'status' ? [e.message] : []));
    expect(said.some((m) => /evaluation beside training stopped \(replica gone\)/.test(m))).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('holds training only for the snapshots: its share of wall time is below the evaluations’ own time', async () => {
    const config = { ...TINY, evalSize: 128, duration: { unit: 'steps' as const, value: 6 } };
    const beside = await run(config, await replicaAside(config));
    expect(beside.summary.evalSeconds).toBeGreaterThan(0);
    // in one process the replica's work still takes the thread, but not inside the held time (snapshot, wait for the last)
    expect(beside.summary.evalShare * beside.summary.seconds).toBeLessThan(beside.summary.evalSeconds! + 1);
  });
});
