/**
 * The one interface every fine-tuning method implements. A method says how the network is
 * prepared, which phases training runs (each with its parameter groups, optimisers, learning
 * rates, BatchNorm modes, forward pass and extra loss terms, and an optional post-step update),
 * and which diagnostics it reports. The training loop (training/session.ts) knows none of them; what the rest of the playground knows about a
 * method is in its spec (spec.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config/schema';
import type { DeviceSet } from '../data/deviceData';
import type { ProbeRows } from '../data/targetData';
import type { OodId } from '../data/oodId';
import type { BatchNormMode, HeadInit, Network } from '../models/network';
import type { Optimizer, OptimizerKind } from '../training/optimizers';
import type { ScheduleKind } from '../training/schedule';

export interface DeviceData {
  numClasses: number;
  train: DeviceSet;
  /** a benchmark's training domain of each training row (batches draw evenly from them) */
  trainDomains?: Uint8Array;
  val: DeviceSet;
  test: DeviceSet;
  /** each OOD set and the shift (or held-out domain) that made it */
  ood: { shift: OodId; set: DeviceSet }[];
  probeRows: ProbeRows;
}

export interface MethodContext {
  config: RunConfig;
  net: Network;
  data: DeviceData;
  /** steps of the fine-tuning phase the config asks for (duration × batches per epoch) */
  mainSteps: number;
  /** pretrained weights θ0 by variable name; never trained. Taken after `prepare`. */
  initialWeights: Map<string, tf.Tensor>;
  /** pretrained penultimate features of the probe rows (inference mode, before `prepare`) */
  pretrainedFeatures: { id: tf.Tensor2D; ood: tf.Tensor2D };
  /** status text for the page ("caching features…") */
  report(message: string): void;
}

/** One training batch; tensors are created on first use inside the step's tidy scope. */
export interface Batch {
  indices: tf.Tensor1D;
  x(): tf.Tensor4D;
  yOneHot(): tf.Tensor2D;
}

export interface ForwardOutput {
  logits: tf.Tensor2D;
  features?: tf.Tensor2D;
  taps?: tf.Tensor[];
}

export type ParamRole = 'backbone' | 'head' | 'extra';

export interface ParamGroup {
  name: string;
  /** backbone: pretrained weights (what modifiers anchor to θ0); head: the new head; extra: method-owned */
  role: ParamRole;
  vars: tf.Variable[];
  /** which optimiser `optimizer` is, so a modifier can rebuild it (with a projection of its update) */
  optimizerKind: OptimizerKind;
  optimizer: Optimizer;
  /** base learning rate of the group; the phase's schedule multiplies it */
  lr: number;
}

export interface LossTerm {
  name: string;
  /** a scalar added to the cross-entropy */
  compute(out: ForwardOutput, batch: Batch): tf.Scalar;
}

/**
 * A penalty on the weights whose gradient the method gives in closed form. The loop adds its value
 * to the reported loss and its gradient to each variable's gradient outside the tape: one fused
 * kernel per tensor, where a taped penalty costs a sub, a square, a sum, saved clones and the
 * tape's gradient of each.
 */
export interface WeightPenalty {
  name: string;
  /** its value at the current weights */
  value(): tf.Scalar;
  /** the variable's gradient with the penalty's gradient added (`g` itself if the penalty does not involve `v`) */
  addGradient(v: tf.Variable, g: tf.Tensor): tf.Tensor;
}

export interface TrainingPhase {
  name: string;
  steps: number;
  /** modifiers act only on phases that train pretrained weights */
  trainsBackbone: boolean;
  schedule: ScheduleKind;
  groups: ParamGroup[];
  /** BatchNorm mode of each layer in this phase's training calls */
  batchNorm(layerName: string, block: number | undefined): BatchNormMode | 'inherit';
  forward(batch: Batch): ForwardOutput;
  lossTerms: LossTerm[];
  /** penalties on the weights with closed-form gradients (L2-SP) */
  penalties?: WeightPenalty[];
  /** runs after each optimiser update, inside the step's tidy scope */
  afterStep?(step: number): void;
}

export interface FineTuningMethod {
  readonly kind: string;
  /** how the new head starts (glorot, or zeros) */
  readonly headInit?: HeadInit;
  /** once before training: may rewrite the network (function-preservingly) or cache features */
  prepare?(ctx: MethodContext): Promise<void> | void;
  phases(ctx: MethodContext): TrainingPhase[];
  /** inference used by evaluation when the method's prediction is not the network's own (LEVI) */
  inference?(ctx: MethodContext): (x: tf.Tensor4D) => { logits: tf.Tensor2D; features: tf.Tensor2D };
  /** named scalars read back with each evaluation */
  diagnostics?(ctx: MethodContext): Record<string, tf.Scalar>;
  /** static facts measured in prepare (e.g. a conversion's error), reported once */
  facts?(): Record<string, number>;
  dispose?(): void;
}

/**
 * A toggle that changes how pretrained weights are trained, on top of a base method: through the
 * optimiser's update or through extra loss terms and penalties. It touches only phases that train the backbone.
 */
export interface MethodModifier {
  readonly id: string;
  prepare?(ctx: MethodContext): Promise<void> | void;
  adjustPhase(phase: TrainingPhase, ctx: MethodContext): TrainingPhase;
  diagnostics?(ctx: MethodContext): Record<string, tf.Scalar>;
  dispose?(): void;
}
