/** Building blocks the baseline methods share. */
import * as tf from '@tensorflow/tfjs';
import { variableOf } from '../models/network';
import { createOptimizer, type OptimizerKind } from '../training/optimizers';
import type { Batch, ForwardOutput, MethodContext, ParamGroup, TrainingPhase } from './types';

export function crossEntropy(logits: tf.Tensor2D, yOneHot: tf.Tensor2D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(yOneHot, logits) as tf.Scalar;
}

export function networkForward(ctx: MethodContext) {
  return (batch: Batch): ForwardOutput => ctx.net.forward(batch.x(), true);
}

export function paramGroup(name: string, role: ParamGroup['role'], vars: tf.Variable[], kind: OptimizerKind, lr: number): ParamGroup {
  return { name, role, vars, optimizerKind: kind, optimizer: createOptimizer(kind), lr };
}

/** Backbone from block `firstBlock` on, and the head: the config's optimiser, one learning rate (head × headLrScale). */
export function fineTuneGroups(ctx: MethodContext, firstBlock: number, lr: number, headLrScale = 1, kind: OptimizerKind = ctx.config.optimizer): ParamGroup[] {
  return [
    paramGroup('backbone', 'backbone', ctx.net.backboneWeights(firstBlock).map(variableOf), kind, lr),
    paramGroup('head', 'head', ctx.net.headWeights().map(variableOf), kind, lr * headLrScale),
  ].filter((g) => g.vars.length > 0);
}

/** A phase that trains the whole network (from `firstBlock`) with BatchNorm as `bn` says. */
export function fineTunePhase(
  ctx: MethodContext,
  opts: { name: string; steps: number; firstBlock?: number; lr: number; batchNorm: TrainingPhase['batchNorm']; groups?: ParamGroup[]; schedule?: TrainingPhase['schedule'] },
): TrainingPhase {
  return {
    name: opts.name,
    steps: opts.steps,
    trainsBackbone: true,
    schedule: opts.schedule ?? ctx.config.schedule,
    groups: opts.groups ?? fineTuneGroups(ctx, opts.firstBlock ?? 0, opts.lr),
    batchNorm: opts.batchNorm,
    forward: networkForward(ctx),
    lossTerms: [],
  };
}
