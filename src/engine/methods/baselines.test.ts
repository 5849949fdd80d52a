/**
 * Each baseline trains exactly what METHODS.md says: FT everything (BatchNorm statistics move),
 * LP only the head, Frozen-k everything but the first k blocks (their BatchNorm statistics too),
 * LP-FT everything in its FT stage but with BatchNorm statistics kept at the source values.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../config/defaults';
import type { MethodConfig, RunConfig } from '../config/schema';
import { runTraining } from '../training/run';
import { variableOf } from '../models/network';

const TINY: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 128, batchSize: 32, evalSize: 32, probeSize: 16, evalEvery: 100,
  shifts: ['rotation'], duration: { unit: 'steps', value: 4 },
};

/** For every weight of the trained view: its layer, block, whether it is a BatchNorm statistic, and whether it changed. */
async function changedWeights(method: Partial<MethodConfig>, patch: Partial<RunConfig> = {}) {
  const rows: { layer: string; block: number | undefined; weight: string; stat: boolean; changed: boolean }[] = [];
  const summary = await runTraining({ ...TINY, ...patch, method: { ...TINY.method, ...method } }, {
    reader: publicDirReader(),
    control: { checkpoint: async () => false },
    emit: () => undefined,
  }, async (ctx) => {
      for (const layer of ctx.net.view.layers) {
        for (const w of layer.weights) {
          const v = variableOf(w);
          const delta = tf.tidy(() => tf.max(tf.abs(tf.sub(v, ctx.initialWeights.get(v.name)!))));
          const changed = (await delta.data())[0] > 0;
          delta.dispose();
          rows.push({ layer: layer.name, block: ctx.net.blockOf(layer.name), weight: w.name, stat: /moving_/.test(w.name), changed });
        }
      }
  });
  expect(summary.status).toBe('completed');
  const isHead = (r: (typeof rows)[number]) => r.layer === 'target_head';
  return { rows, isHead };
}

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('baseline methods train exactly their parameters', () => {
  it('FT: every trainable weight and every BatchNorm statistic changes', async () => {
    const { rows } = await changedWeights({ kind: 'ft' });
    expect(rows.filter((r) => !r.changed).map((r) => r.weight)).toEqual([]);
  });

  it('LP: only the head changes', async () => {
    const { rows, isHead } = await changedWeights({ kind: 'lp' });
    expect(rows.filter((r) => r.changed && !isHead(r)).map((r) => r.weight)).toEqual([]);
    expect(rows.filter(isHead).every((r) => r.changed)).toBe(true);
  });

  it('Frozen-2: blocks 0–1 untouched (weights and BatchNorm statistics), blocks 2–3 and the head train', async () => {
    const { rows, isHead } = await changedWeights({ kind: 'frozen-k', frozenBlocks: 2 });
    const frozen = rows.filter((r) => r.block !== undefined && r.block < 2);
    const trained = rows.filter((r) => (r.block !== undefined && r.block >= 2) || isHead(r));
    expect(frozen.length).toBeGreaterThan(10);
    expect(frozen.filter((r) => r.changed).map((r) => r.weight)).toEqual([]);
    expect(trained.filter((r) => !r.changed).map((r) => r.weight)).toEqual([]);
  });

  // the double-descent lab's sweep: k = 0 (FT) … 4 (LP) on its four-block MLP, digits 5–9 with noisy labels
  it.each([0, 1, 2, 3, 4])('Frozen-%i of the lab MLP: exactly the first k blocks keep every weight and statistic', async (k) => {
    const { rows, isHead } = await changedWeights(
      { kind: 'frozen-k', frozenBlocks: k }, { model: 'mlp-digits04', targetClasses: '5-9', labelNoise: 0.2, evalTrain: true },
    );
    const unchanged = new Set(rows.filter((r) => !r.changed).map((r) => r.weight));
    const expected = new Set(rows.filter((r) => r.block !== undefined && r.block < k).map((r) => r.weight));
    expect(expected.size).toBe(k * 5); // per block: the bias-free dense kernel, BatchNorm γ, β, moving mean and variance
    expect([...unchanged].sort()).toEqual([...expected].sort());
    expect(rows.filter(isHead).every((r) => r.changed)).toBe(true);
  });

  it('LP-FT: all weights train, BatchNorm statistics stay at the source values', async () => {
    const { rows } = await changedWeights({ kind: 'lp-ft', lpSteps: 3 });
    expect(rows.filter((r) => r.stat && r.changed).map((r) => r.weight)).toEqual([]);
    expect(rows.filter((r) => !r.stat && !r.changed).map((r) => r.weight)).toEqual([]);
  });
});
