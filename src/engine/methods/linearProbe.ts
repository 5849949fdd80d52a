/**
 * Linear probing on cached features: the backbone is frozen, so its features of the training set
 * are computed once (inference mode) and only the head trains on them.
 */
import * as tf from '@tensorflow/tfjs';
import { chunks } from '../data/deviceData';
import { variableOf } from '../models/network';
import type { ScheduleKind } from '../training/schedule';
import { EVAL_BATCH } from '../metrics/accuracy';
import { paramGroup } from './phases';
import type { Batch, MethodContext, TrainingPhase } from './types';

export class FeatureCache {
  private features: tf.Tensor2D | null = null;

  build(ctx: MethodContext): void {
    this.dispose();
    const { net, data } = ctx;
    this.features = tf.tidy(() => tf.concat(chunks(data.train.count, EVAL_BATCH).map((c) =>
      net.forward(data.train.x.slice([c.start, 0, 0, 0], [c.size, -1, -1, -1]), false).features)) as tf.Tensor2D);
    tf.keep(this.features);
  }

  gather(indices: tf.Tensor1D): tf.Tensor2D {
    if (!this.features) throw new Error('feature cache used before build()');
    return tf.gather(this.features, indices);
  }

  dispose(): void {
    this.features?.dispose();
    this.features = null;
  }
}

/** The LP phase: head only, on cached features, no BatchNorm involved. */
export function linearProbePhase(
  ctx: MethodContext, cache: FeatureCache, opts: { name: string; steps: number; lr: number; schedule: ScheduleKind },
): TrainingPhase {
  return {
    name: opts.name,
    steps: opts.steps,
    trainsBackbone: false,
    schedule: opts.schedule,
    groups: [paramGroup('head', 'head', ctx.net.headWeights().map(variableOf), ctx.config.optimizer, opts.lr)],
    batchNorm: () => 'eval',
    forward: (batch: Batch) => ({ logits: ctx.net.head.apply(cache.gather(batch.indices)) as tf.Tensor2D }),
    lossTerms: [],
  };
}
