/**
 * Every method and every allowed combination trains on the real pretrained model in Node:
 * 3 steps on the cpu backend (every kernel exists), and on wasm the tensor count stays flat.
 * Plus the structural promises of DAFT (function-preserving conversion), LEVI (no gradient to
 * the frozen model) and WiSE-FT (the formula, and the trained weights restored).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG, METHOD_LR } from '../config/defaults';
import type { MethodConfig, RunConfig } from '../config/schema';
import { zooEntry } from '../models/zoo';
import { Network, variableOf } from '../models/network';
import type { RunEvent } from '../training/events';
import { runTraining, TrainingSession } from '../training/run';
import { interpolate } from '../training/wiseFt';
import { allowedCombinations, combinationLabel } from './allowedCombinations';
import { convertBatchNorm, measureBatchNormInputs } from './daft';
import { createRng, permutation } from '../rng';

const TINY: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 1000,
  shifts: ['rotation'], duration: { unit: 'steps', value: 3 },
  method: { ...DEFAULT_CONFIG.method, lpSteps: 2 },
};
const host = (events: RunEvent[] = []) => ({ reader: publicDirReader(), control: { checkpoint: async () => false }, emit: (e: RunEvent) => { events.push(e); } });
const resnet = zooEntry('resnet-broad')!;
const combos = allowedCombinations(resnet);

describe('every method and combination', () => {
  it('has the combinations the compatibility rules allow', () => {
    const labels = combos.map(combinationLabel);
    expect(labels).toContain('daft+spd');
    expect(labels).toContain('ft+spd+ftlp');
    expect(labels).toContain('frozen-2+l2sp');
    expect(labels).toContain('levi');
    expect(labels).not.toContain('lp+spd');
    expect(labels).not.toContain('levi+ftlp');
    // FT-LP freezes BatchNorm, DAFT trains it in batch-statistics mode
    expect(labels).not.toContain('daft+ftlp');
    expect(labels).not.toContain('daft+spd+l2sp+ftlp');
    expect(combos.length).toBe(30);
  });

  it.each(combos.map((m) => [combinationLabel(m), m] as const))('%s trains 3 steps on cpu', async (_label, method: MethodConfig) => {
    await useNodeBackend('cpu');
    const summary = await runTraining({ ...TINY, method, lr: METHOD_LR[method.kind] }, host());
    expect(summary.status).toBe('completed');
    expect(summary.stepsDone).toBe(3 + (method.kind === 'lp-ft' ? method.lpSteps : 0));
    expect(Number.isFinite(summary.last!.idAcc)).toBe(true);
  });

  it.each(combos.map((m) => [combinationLabel(m), m] as const))('%s keeps the tensor count flat (wasm, 24 steps)', async (_label, method: MethodConfig) => {
    await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const counts: { phase: string; n: number }[] = [];
    const events: RunEvent[] = [];
    const h = host(events);
    await runTraining({ ...TINY, method, lr: METHOD_LR[method.kind], duration: { unit: 'steps', value: 24 } }, {
      ...h, emit: (e) => { if (e.type === 'steps') counts.push({ phase: e.phase, n: tf.memory().numTensors }); h.emit(e); },
    });
    const lastPhase = counts[counts.length - 1].phase;
    const inLast = counts.filter((c) => c.phase === lastPhase).slice(1).map((c) => c.n);
    expect(inLast.length).toBeGreaterThanOrEqual(2);
    expect(new Set(inLast).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('DAFT BatchNorm conversion', () => {
  it('leaves inference outputs unchanged (≤ 1e-5 relative) and sets moving statistics to the measured target statistics', async () => {
    await useNodeBackend('cpu');
    const session = await TrainingSession.open({ ...TINY, method: { ...TINY.method, kind: 'ft' } }, host());
    try {
      const { net, data } = session.ctx;
      const x = data.test.x;
      const before = tf.tidy(() => net.forward(x, false).features);
      const stats = measureBatchNormInputs(net, data.train, 16, 0);
      convertBatchNorm(net, stats);
      const after = tf.tidy(() => net.forward(x, false).features);
      const [rel] = await tf.tidy(() => tf.div(tf.max(tf.abs(tf.sub(after, before))), tf.max(tf.abs(before)))).data();
      expect(rel).toBeLessThan(1e-5);
      // the statistics moved (target ≠ source), and the layer now holds exactly the measured ones
      let moved = 0;
      for (const layer of net.batchNormLayers) {
        const w = new Map(layer.weights.map((v) => [v.originalName.split('/').pop()!, v.read()]));
        const s = stats.get(layer.name)!;
        expect(await tf.max(tf.abs(tf.sub(w.get('moving_mean')!, s.mean))).data()).toEqual(new Float32Array([0]));
        expect(await tf.max(tf.abs(tf.sub(w.get('moving_variance')!, s.variance))).data()).toEqual(new Float32Array([0]));
        moved += (await tf.max(tf.abs(tf.sub(s.mean, session.ctx.initialWeights.get(variableOf(layer.weights.find((v) => v.originalName.endsWith('moving_mean'))!).name)!))).data())[0];
      }
      expect(moved).toBeGreaterThan(0);
      tf.dispose([before, after, ...[...stats.values()].flatMap((s) => [s.mean, s.variance])]);
    } finally {
      session.dispose();
    }
  });
});

describe('DAFT BatchNorm statistics (utils/transfer.py)', () => {
  it('average, over every batch of a shuffled pass (the last partial one included), of the batch mean and sample variance', async () => {
    await useNodeBackend('cpu');
    // a BatchNorm right after the input: its input is the images themselves, 2 values per image per channel
    const input = tf.input({ shape: [1, 2, 1] });
    const bn = tf.layers.batchNormalization({ name: 'b_bn' }).apply(input) as tf.SymbolicTensor;
    const flat = tf.layers.flatten({ name: 'flat' }).apply(bn) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, name: 'head' }).apply(flat) as tf.SymbolicTensor });
    const anatomy = { inputShape: [1, 2, 1] as [number, number, number], blocks: [{ name: 'b', layers: ['b_bn'] }], featureLayer: 'flat', headLayer: 'head', taps: [] };
    const net = new Network(model, anatomy, { numClasses: 2, headInit: 'zeros', seed: 0 });
    const images = [[1, 3], [2, 2], [0, 8], [5, 5], [4, 10]];
    const set = { x: tf.tensor4d(images.flat(), [5, 1, 2, 1]), y: tf.zeros([5], 'int32'), yOneHot: tf.zeros([5, 2]), count: 5 };
    // in inference mode with its initial statistics (mean 0, variance 1, γ 1, β 0) the BN's input is the image
    const order = Array.from(permutation(5, createRng(7, 'daft:conversion')));
    const batches = [order.slice(0, 2), order.slice(2, 4), order.slice(4)];
    const byHand = batches.map((b) => {
      const v = b.flatMap((i) => images[i]);
      const mean = v.reduce((a, c) => a + c, 0) / v.length;
      return { mean, variance: v.reduce((a, c) => a + (c - mean) ** 2, 0) / (v.length - 1) };
    });
    const stats = measureBatchNormInputs(net, set as never, 2, 7).get('b_bn')!;
    expect((await stats.mean.data())[0]).toBeCloseTo(byHand.reduce((a, b) => a + b.mean, 0) / 3, 5);
    expect((await stats.variance.data())[0]).toBeCloseTo(byHand.reduce((a, b) => a + b.variance, 0) / 3, 5);
    tf.dispose([stats.mean, stats.variance, set.x, set.y, set.yOneHot]);
    net.dispose();
  });
});

describe('FT-LP (MIRO form): BatchNorm frozen', () => {
  it('at θ = θ0 (the first step) the prior is its log-variance part alone: Σ_l log(0.1)/2', async () => {
    await useNodeBackend('wasm');
    const events: RunEvent[] = [];
    const method = { ...TINY.method, kind: 'ft' as const, ftlp: { enabled: true, lambda: 0.1 } };
    await runTraining({ ...TINY, method, duration: { unit: 'steps', value: 1 }, evalEvery: 1 }, host(events));
    const after = events.flatMap((e) => (e.type === 'eval' && e.record.step === 1 ? [e.record.diagnostics['ftlp.regulariser']] : []));
    // z = z0 exactly (the same network in inference mode): the data term is 0, σ² = 0.1 on every channel
    const taps = 4; // resnet-broad's stem and three block outputs
    expect(after[0]).toBeCloseTo(taps * Math.log(0.1) / 2, 5);
  });
});

describe('LEVI', () => {
  it('gives no gradient to the frozen pretrained model: its weights do not move', async () => {
    await useNodeBackend('wasm');
    const session = await TrainingSession.open({ ...TINY, method: { ...TINY.method, kind: 'levi' } }, host());
    try {
      await session.train();
      const net = session.ctx.net;
      for (const w of net.allWeights()) {
        const v = variableOf(w);
        const [d] = await tf.tidy(() => tf.max(tf.abs(tf.sub(v, session.ctx.initialWeights.get(v.name)!)))).data();
        expect(d, v.name).toBe(0);
      }
      // and the trained parameters are LEVI's own (task model and adapters), not the backbone's
      const trainable = session.info.parameters.trainable;
      expect(trainable).toBeGreaterThan(0);
      expect(trainable).toBeLessThan(net.view.countParams());
    } finally {
      session.dispose();
    }
  });
});

describe('WiSE-FT', () => {
  it('interpolates (1−α)·θ0 + α·θ', async () => {
    await useNodeBackend('cpu');
    const v = tf.variable(tf.tensor1d([0, 0]));
    interpolate([v], [tf.tensor1d([1, 2])], [tf.tensor1d([3, 6])], 0.25);
    expect(Array.from(await v.data())).toEqual([1.5, 3]);
    v.dispose();
  });

  it('α = 1 reproduces the fine-tuned model, α = 0 the linear probe, and the trained weights come back', async () => {
    await useNodeBackend('wasm');
    const session = await TrainingSession.open({ ...TINY, method: { ...TINY.method, kind: 'ft' }, duration: { unit: 'steps', value: 8 } }, host());
    try {
      const summary = await session.train();
      const vars = session.ctx.net.allWeights().map(variableOf);
      const snapshot = await Promise.all(vars.map((v) => v.data()));
      const points = await session.wiseFt([0, 0.5, 1]);
      expect(points.map((p) => p.alpha)).toEqual([0, 0.5, 1]);
      expect(points[2].idAcc).toBe(summary.last!.idAcc);
      expect(points[2].oodMean).toBe(summary.last!.oodMean);
      // α = 0 is the pretrained backbone: no feature distortion
      expect(points[0].distortion.id.l2).toBeLessThan(1e-5);
      const after = await Promise.all(vars.map((v) => v.data()));
      after.forEach((a, i) => expect(Array.from(a)).toEqual(Array.from(snapshot[i])));
    } finally {
      session.dispose();
    }
  });
});
