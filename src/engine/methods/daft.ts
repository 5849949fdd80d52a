/**
 * DAFT — Domain-Aware Fine-Tuning (Ha, Jung, Lee; AAAI 2024; code: hsh1108/DAFT).
 * 1. BatchNorm conversion before training: with the network in inference mode, average per batch
 *    the mean and sample variance of each BN layer's input over a shuffled pass of the target
 *    training set, the last partial batch included (μT, σ²T), then
 *      β' = β + (μT − μS)·γ/√(σ²S+ε),  γ' = γ·√(σ²T+ε)/√(σ²S+ε),  moving stats ← μT, σ²T
 *    which leaves inference outputs unchanged; training then uses BN in train mode.
 * 2. LP and FT in one run: a zero-initialised head trained with a learning rate headLrScale × the
 *    backbone's, both with SGD (momentum 0.9, no weight decay) on one cosine schedule to 0.
 */
import * as tf from '@tensorflow/tfjs';
import type { DeviceSet } from '../data/deviceData';
import type { Network } from '../models/network';
import { createRng, permutation } from '../rng';
import { fineTunePhase, fineTuneGroups } from './phases';
import type { FineTuningMethod } from './types';

export interface BatchNormStats { mean: tf.Tensor1D; variance: tf.Tensor1D }

/**
 * Per BN layer: the average over the batches of a shuffled pass over `set` (the last, partial batch
 * included) of each batch's mean and *sample* (unbiased, N−1) variance of the layer's input, in
 * inference mode — as the official utils/transfer.py computes them (torch.var, every batch of the
 * training loader, each batch weighted equally). A batch with a single value per channel has no
 * sample variance and is left out.
 */
export function measureBatchNormInputs(net: Network, set: DeviceSet, batchSize: number, seed: number): Map<string, BatchNormStats> {
  const layers = net.batchNormLayers;
  const probe = tf.model({ inputs: net.view.inputs, outputs: layers.map((l) => l.input as tf.SymbolicTensor) });
  const order = permutation(set.count, createRng(seed, 'daft:conversion'));
  const sums = layers.map(() => ({ mean: null as tf.Tensor | null, variance: null as tf.Tensor | null }));
  let batches = 0;
  for (let start = 0; start < set.count; start += batchSize) {
    const indices = order.slice(start, Math.min(start + batchSize, set.count));
    tf.tidy(() => {
      const outs = probe.predict(tf.gather(set.x, tf.tensor1d(indices, 'int32'))) as tf.Tensor | tf.Tensor[];
      const inputs = Array.isArray(outs) ? outs : [outs];
      const values = inputs[0].size / inputs[0].shape[inputs[0].rank - 1];
      if (values < 2) return;
      batches++;
      inputs.forEach((input, i) => {
        const m = tf.moments(input, Array.from({ length: input.rank - 1 }, (_, k) => k));
        const sampleVariance = tf.mul(m.variance, values / (values - 1));
        const s = sums[i];
        const next = { mean: s.mean ? tf.add(s.mean, m.mean) : m.mean, variance: s.variance ? tf.add(s.variance, sampleVariance) : sampleVariance };
        s.mean?.dispose(); s.variance?.dispose();
        s.mean = tf.keep(next.mean); s.variance = tf.keep(next.variance);
      });
    });
  }
  const stats = new Map<string, BatchNormStats>();
  layers.forEach((l, i) => {
    stats.set(l.name, {
      mean: tf.tidy(() => tf.div(sums[i].mean!, batches)) as tf.Tensor1D,
      variance: tf.tidy(() => tf.div(sums[i].variance!, batches)) as tf.Tensor1D,
    });
    tf.dispose([sums[i].mean!, sums[i].variance!]);
  });
  return stats;
}

/** Rewrites each BN layer to the target statistics without changing its inference output. */
export function convertBatchNorm(net: Network, stats: Map<string, BatchNormStats>): void {
  for (const layer of net.batchNormLayers) {
    const target = stats.get(layer.name);
    if (!target) continue;
    const eps = (layer.getConfig().epsilon as number | undefined) ?? 1e-3;
    const byName = new Map(layer.weights.map((w, i) => [w.originalName.split('/').pop()!, i]));
    const values = layer.getWeights();
    const at = (n: string) => values[byName.get(n)!];
    for (const n of ['gamma', 'beta']) {
      if (!byName.has(n)) throw new Error(`DAFT: BatchNorm layer ${layer.name} has no ${n}; the conversion rewrites both γ and β`);
    }
    const next = tf.tidy(() => {
      const sourceStd = tf.sqrt(tf.add(at('moving_variance'), eps));
      const targetStd = tf.sqrt(tf.add(target.variance, eps));
      return {
        gamma: tf.div(tf.mul(at('gamma'), targetStd), sourceStd),
        beta: tf.add(at('beta'), tf.div(tf.mul(tf.sub(target.mean, at('moving_mean')), at('gamma')), sourceStd)),
      };
    });
    const replaced = values.map((v, i) => {
      if (i === byName.get('gamma')) return next.gamma;
      if (i === byName.get('beta')) return next.beta;
      if (i === byName.get('moving_mean')) return target.mean;
      if (i === byName.get('moving_variance')) return target.variance;
      return v;
    });
    layer.setWeights(replaced);
    tf.dispose([next.gamma, next.beta]);
  }
}

export function createDaft(): FineTuningMethod {
  let conversionChange = Number.NaN;
  return {
    kind: 'daft',
    headInit: 'zeros',
    async prepare(ctx) {
      ctx.report('DAFT: measuring BatchNorm input statistics on the target training set');
      const probe = ctx.data.test.x.slice([0, 0, 0, 0], [Math.min(256, ctx.data.test.count), -1, -1, -1]);
      const before = tf.tidy(() => ctx.net.forward(probe, false).features);
      const stats = measureBatchNormInputs(ctx.net, ctx.data.train, ctx.config.batchSize, ctx.config.seed);
      convertBatchNorm(ctx.net, stats);
      for (const s of stats.values()) tf.dispose([s.mean, s.variance]);
      // the head is zero at this point, so compare the penultimate features (what the head reads)
      const change = tf.tidy(() => tf.div(tf.max(tf.abs(tf.sub(ctx.net.forward(probe, false).features, before))), tf.max(tf.abs(before))));
      conversionChange = (await change.data())[0];
      tf.dispose([probe, before, change]);
      ctx.report(`DAFT: BatchNorm converted; largest relative change of the inference output ${conversionChange.toExponential(1)}`);
    },
    phases: (ctx) => [fineTunePhase(ctx, {
      name: 'DAFT',
      steps: ctx.mainSteps,
      lr: ctx.config.lr,
      batchNorm: () => 'train',
      groups: fineTuneGroups(ctx, 0, ctx.config.lr, ctx.config.method.daft.headLrScale, 'sgd'),
      schedule: 'cosine',
    })],
    facts: () => ({ 'daft.conversionMaxRelChange': conversionChange }),
  };
}
