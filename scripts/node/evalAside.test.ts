/**
 * The headless runner evaluates beside training in a real worker thread (evalThread.ts) where the
 * cores allow it, with the numbers it gives evaluating in its own thread; the rule is the page's.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import type { RunConfig } from '../../src/engine/config/schema';
import type { EvalRecord, RunEvent } from '../../src/engine/training/events';
import { runTraining } from '../../src/engine/training/run';
import { runExperiment } from '../experiment/runOne';
import { publicDirReader } from './fileAssets';
import { asideFits, startEvalThread } from './evalAside';

const CONFIG: RunConfig = {
  ...DEFAULT_CONFIG,
  model: 'resnet-broad', trainSize: 64, batchSize: 16, evalSize: 48, probeSize: 16, evalEvery: 3,
  shifts: ['rotation', 'fog'], duration: { unit: 'steps', value: 7 },
};

/** Everything an evaluation reports but its timings. */
const numbers = ({ evalMs: _ms, elapsedSec: _s, ...rest }: EvalRecord) => rest;

async function headless(evalAside: boolean) {
  const events: RunEvent[] = [];
  const summary = await runExperiment(CONFIG, { quiet: true, stopOnSigint: false, evalAside, onEvent: (e) => events.push(e) });
  return { summary, evals: events.flatMap((e) => (e.type === 'eval' ? [numbers(e.record)] : [])), inside: events.filter((e) => e.type === 'insight') };
}

describe('evaluation beside training in Node', () => {
  it('gives the numbers of evaluation in the run, from a worker thread', async () => {
    const here = await headless(false);
    const beside = await headless(true);
    expect(here.summary.evalAside).toBe(false);
    expect(beside.summary.evalAside).toBe(true);
    expect(beside.evals.map((e) => e.step)).toEqual([0, 3, 6, 7]);
    expect(beside.evals).toEqual(here.evals);
    expect(beside.inside).toEqual(here.inside);
    expect(beside.summary.last).toEqual(expect.objectContaining(numbers(here.summary.last!)));
  }, 120_000);

  it('a thread whose replica refuses the run\'s weights fails its evaluations, which the run then makes itself', async () => {
    const here = await headless(false);
    const events: RunEvent[] = [];
    // a replica of another network: the thread refuses the run's weights
    const summary = await runTraining(CONFIG, {
      reader: publicDirReader(), control: { checkpoint: async () => false }, emit: (e) => { events.push(e); },
      evalAside: startEvalThread({ ...CONFIG, model: 'mlp-broad' }, 'wasm'),
    });
    expect(summary.evalAside).toBe(false);
    expect(events.some((e) => e.type === 'status' && /evaluation beside training stopped \(the snapshot has/.test(e.message))).toBe(true);
    expect(events.flatMap((e) => (e.type === 'eval' ? [numbers(e.record)] : []))).toEqual(here.evals);
  }, 120_000);

  it('asks for a core of its own per run', () => {
    expect(asideFits(1, 2)).toBe(true);
    expect(asideFits(2, 2)).toBe(false);
    expect(asideFits(2, 4)).toBe(true);
    expect(asideFits(1, 1)).toBe(false);
  });
});
