/** Building blocks the baseline methods share. */
import * as tf from '@tensorflow/tfjs';
import { variableOf } from '../models/network';
import { createOptimizer } from '../training/optimizers';
import type { Batch, ForwardOutput, MethodContext, ParamGroup, TrainingPhase } from './types';

export function crossEntropy(logits: tf.Tensor2D, yOneHot: tf.Tensor2D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(yOneHot, logits) as tf.Scalar;
}

export function networkForward(ctx: MethodContext) {
  return (batch: Batch): ForwardOutput => ctx.net.forward(batch.x(), true);
}

/** Backbone from block `firstBlock` on plus the head, one optimiser, one learning rate. */
export function fineTuneGroups(ctx: MethodContext, firstBlock: number, lr: number): ParamGroup[] {
  const vars = [...ctx.net.backboneWeights(firstBlock), ...ctx.net.headWeights()].map(variableOf);
  return [{ name: 'network', vars, optimizer: createOptimizer(ctx.config.optimizer), lr }];
}

/** A phase that trains the whole network (from `firstBlock`) with BatchNorm as `bn` says. */
export function fineTunePhase(
  ctx: MethodContext,
  opts: { name: string; steps: number; firstBlock?: number; lr: number; batchNorm: TrainingPhase['batchNorm'] },
): TrainingPhase {
  return {
    name: opts.name,
    steps: opts.steps,
    schedule: ctx.config.schedule,
    groups: fineTuneGroups(ctx, opts.firstBlock ?? 0, opts.lr),
    batchNorm: opts.batchNorm,
    forward: networkForward(ctx),
    lossTerms: [],
  };
}
