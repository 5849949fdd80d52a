/**
 * WiSE-FT (Wortsman et al., CVPR 2022): θ_α = (1−α)·θ0 + α·θ_ft over every weight (BatchNorm
 * statistics included), evaluated per α. θ0's head is a linear probe trained on the pretrained
 * features, so both ends have a meaningful head (METHODS.md). The session's weights are restored.
 */
import * as tf from '@tensorflow/tfjs';
import { evaluate } from '../metrics/evaluate';
import { crossEntropy } from '../methods/phases';
import { FeatureCache } from '../methods/linearProbe';
import type { FineTuningMethod, MethodContext } from '../methods/types';
import { variableOf } from '../models/network';
import { Adam } from './optimizers';
import { BatchSampler } from './batchSampler';
import type { DistortionValues } from './events';
import type { OodId } from '../data/oodId';

export interface WiseFtPoint {
  alpha: number;
  idAcc: number;
  valAcc: number;
  oodMean: number;
  oodWorst: number;
  ood: Partial<Record<OodId, number>>;
  distortion: { id: DistortionValues; ood: DistortionValues };
}

/** Trains the network's head as a linear probe on the current (pretrained) backbone's features. */
function fitLinearProbeHead(ctx: MethodContext): void {
  const cache = new FeatureCache();
  cache.build(ctx);
  const head = ctx.net.headWeights().map(variableOf);
  head.forEach((v) => v.assign(tf.zerosLike(v)));
  const optimizer = new Adam();
  const sampler = new BatchSampler(ctx.data.train.count, ctx.config.batchSize, ctx.config.seed + 1);
  try {
    for (let s = 0; s < ctx.config.method.lpSteps; s++) {
      const idx = sampler.next();
      tf.tidy(() => {
        const i = tf.tensor1d(idx, 'int32');
        const { grads } = tf.variableGrads(() => crossEntropy(
          ctx.net.head.apply(cache.gather(i)) as tf.Tensor2D, tf.gather(ctx.data.train.yOneHot, i)), head);
        optimizer.apply(head, grads, ctx.config.method.lpLr);
      });
    }
  } finally {
    optimizer.dispose();
    cache.dispose();
  }
}

/** v ← (1−α)·anchor + α·tuned for each variable. */
export function interpolate(vars: tf.Variable[], anchor: tf.Tensor[], tuned: tf.Tensor[], alpha: number): void {
  tf.tidy(() => vars.forEach((v, i) => v.assign(tf.add(tf.mul(anchor[i], 1 - alpha), tf.mul(tuned[i], alpha)))));
}

export async function wiseFtCurve(ctx: MethodContext, method: FineTuningMethod, alphas: number[]): Promise<WiseFtPoint[]> {
  const vars = ctx.net.allWeights().map(variableOf);
  const tuned = vars.map((v) => tf.keep(v.clone()));
  let anchor: tf.Tensor[] = [];
  try {
    vars.forEach((v) => v.assign(ctx.initialWeights.get(v.name)!));
    fitLinearProbeHead(ctx);
    anchor = vars.map((v) => tf.keep(v.clone()));
    const points: WiseFtPoint[] = [];
    for (const alpha of alphas) {
      interpolate(vars, anchor, tuned, alpha);
      const r = await evaluate(ctx, method, -1, `WiSE-FT α=${alpha}`, 0);
      points.push({ alpha, idAcc: r.idAcc, valAcc: r.valAcc, oodMean: r.oodMean, oodWorst: r.oodWorst, ood: r.ood, distortion: r.distortion });
    }
    return points;
  } finally {
    vars.forEach((v, i) => v.assign(tuned[i]));
    tf.dispose([...tuned, ...anchor]);
  }
}
