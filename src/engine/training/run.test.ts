/**
 * The training loop on real data with the shipped pretrained model (Node, wasm backend):
 * the loss falls, the tensor count stays flat, a seed repeats exactly, divergence is caught,
 * and each baseline trains exactly the parameters it should.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../config/defaults';
import type { RunConfig } from '../config/schema';
import type { RunEvent, RunSummary } from './events';
import { runTraining } from './run';

const TINY: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 256, batchSize: 32, evalSize: 64, probeSize: 32, evalEvery: 10,
  shifts: ['rotation', 'inversion'], duration: { unit: 'steps', value: 20 },
};

async function run(patch: Partial<RunConfig>, onEvent?: (e: RunEvent) => void): Promise<{ summary: RunSummary; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const summary = await runTraining({ ...TINY, ...patch }, {
    reader: publicDirReader(),
    control: { checkpoint: async () => false },
    emit: (e) => { events.push(e); onEvent?.(e); },
  });
  return { summary, events };
}

const losses = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'steps' ? e.losses : []));

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('training loop', () => {
  it('FT lowers the loss on real MNIST digits and reports every metric', async () => {
    const { summary, events } = await run({ duration: { unit: 'steps', value: 40 } });
    const l = losses(events);
    expect(l).toHaveLength(40);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(l.slice(-10))).toBeLessThan(0.7 * mean(l.slice(0, 5)));
    expect(summary.status).toBe('completed');
    const last = summary.last!;
    expect(last.idAcc).toBeGreaterThan(0.3); // chance is 0.1
    expect(Object.keys(last.ood).sort()).toEqual(['inversion', 'rotation']);
    expect(last.distortion.id.l2).toBeGreaterThan(0);
    expect(Object.keys(last.drift).length).toBeGreaterThan(10);
    // the first evaluation is the pretrained network with an untrained head: no distortion yet
    const first = events.find((e) => e.type === 'eval');
    expect(first && first.type === 'eval' && first.record.distortion.id.l2).toBe(0);
  });

  it('keeps the tensor count flat from step to step and releases everything at the end', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await run({ duration: { unit: 'steps', value: 60 }, evalEvery: 30 }, (e) => {
      if (e.type === 'steps') counts.push(tf.memory().numTensors);
    });
    // readbacks happen every 10 steps; after the first (optimiser slots appear) the count must not move
    expect(counts.length).toBeGreaterThanOrEqual(5);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('repeats exactly for the same seed and differs for another', async () => {
    const a = losses((await run({ seed: 3 })).events);
    const b = losses((await run({ seed: 3 })).events);
    const c = losses((await run({ seed: 4 })).events);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('stops as "diverged at step N" when the loss explodes (learning rate 10)', async () => {
    const { summary, events } = await run({ lr: 10, duration: { unit: 'steps', value: 60 } });
    expect(summary.status).toBe('diverged');
    expect(summary.divergedAtStep).toBeGreaterThan(0);
    expect(summary.stepsDone).toBeLessThan(60);
    const status = events.filter((e) => e.type === 'status').pop();
    expect(status && status.type === 'status' && status.message).toMatch(new RegExp(`diverged at step ${summary.divergedAtStep}`));
  });
});
