/**
 * One evaluation: ID and validation accuracy, OOD accuracy per shift, feature distortion on the
 * probe rows (computed in the same forward pass as accuracy), per-layer weight drift and the method's diagnostics, computed on the device and
 * read back as one stacked tensor (one readback per evaluation). With the run's See-inside probe
 * (insight.ts), its points, grid predictions and confusion counts join the same readback.
 *
 * Two parts, so the costly one can run elsewhere (evalReplica.ts, beside training): the forward
 * part (every image of the evaluation sets through the network: accuracy, distortion, See inside)
 * needs only the network's weights; the state part (drift, diagnostics) reads the run's own state.
 */
import * as tf from '@tensorflow/tfjs';
import { chunks, type DeviceSet } from '../data/deviceData';
import type { DeviceData, MethodContext, FineTuningMethod } from '../methods/types';
import type { Network } from '../models/network';
import { variableOf } from '../models/network';
import type { OodId } from '../data/oodId';
import type { DistortionValues, EvalRecord } from '../training/events';
import { EVAL_BATCH } from './accuracy';
import { featureDistortion } from './distortion';
import type { InsightProbe } from './insight';
import type { InsightRecord } from './insightTypes';
import { relativeDrift } from './weightDrift';

export type Inference = (x: tf.Tensor4D) => { logits: tf.Tensor2D; features: tf.Tensor2D };

export function networkInference(net: Network): Inference {
  return (x) => net.forward(x, false);
}

/**
 * Correct predictions over a set, and the penultimate features of its first `featureRows` rows, in one pass;
 * with `withPredictions`, also the predicted class of every row.
 */
export function forwardSet(
  infer: Inference, set: DeviceSet, featureRows: number, batch = EVAL_BATCH, withPredictions = false,
): { correct: tf.Scalar; features: tf.Tensor2D | undefined; predictions?: tf.Tensor1D } {
  return tf.tidy(() => {
    let correct: tf.Tensor = tf.scalar(0, 'int32');
    const features: tf.Tensor[] = [];
    const predicted: tf.Tensor[] = [];
    for (const c of chunks(set.count, batch)) {
      const out = infer(set.x.slice([c.start, 0, 0, 0], [c.size, -1, -1, -1]));
      const y = set.y.slice([c.start], [c.size]);
      const p = tf.argMax(out.logits, 1);
      correct = tf.add(correct, tf.sum(tf.cast(tf.equal(p, y), 'int32')));
      if (withPredictions) predicted.push(p);
      if (c.start < featureRows) features.push(out.features.slice([0, 0], [Math.min(c.size, featureRows - c.start), -1]));
    }
    return {
      correct: tf.cast(correct, 'float32') as tf.Scalar,
      features: features.length ? (tf.concat(features) as tf.Tensor2D) : undefined,
      ...(withPredictions ? { predictions: tf.concat(predicted) as tf.Tensor1D } : {}),
    };
  });
}

/** Penultimate features of the probe rows: the first test rows (ID), the first rows of each shifted set (OOD). */
export function probeFeatures(net: Network, data: DeviceData): { id: tf.Tensor2D; ood: tf.Tensor2D } {
  const infer = networkInference(net);
  // only the probe rows go through the network (not the whole set: its accuracy is not wanted here)
  const firstRows = (set: DeviceSet, rows: number): DeviceSet => ({ ...set, count: Math.min(set.count, rows) });
  // folded as evaluation folds it, so an unchanged network measures a distortion of exactly 0
  return net.withFoldedBatchNorm(() => tf.tidy(() => ({
    id: forwardSet(infer, firstRows(data.test, data.probeRows.id), data.probeRows.id).features!,
    ood: tf.concat(data.ood.map((o) => forwardSet(infer, firstRows(o.set, data.probeRows.perShift), data.probeRows.perShift).features!)) as tf.Tensor2D,
  })));
}

export function driftLayerNames(ctx: Pick<MethodContext, 'net'>): string[] {
  return ctx.net.weightedLayers().map((l) => l.name);
}

/** What the forward part needs: the network (its current weights), the sets, the pretrained probe features. */
export interface ForwardInputs {
  net: Network;
  data: DeviceData;
  pretrainedFeatures: { id: tf.Tensor2D; ood: tf.Tensor2D };
  /** training accuracy too (the double-descent lab) */
  evalTrain: boolean;
  infer?: Inference;
}

/** How many scalars the forward part reads back before the See-inside values. */
export function forwardScalarCount(data: Pick<DeviceData, 'ood'>, evalTrain: boolean): number {
  return 2 + data.ood.length + 6 + (evalTrain ? 1 : 0);
}

/**
 * The forward part, as one flat tensor: ID and validation accuracy, each shift's accuracy, the
 * ID and OOD distortion (l2, relative, cosine), the training accuracy where asked, then See inside.
 */
export function forwardPart(inputs: ForwardInputs, insight?: InsightProbe): tf.Tensor1D {
  const { net, data, pretrainedFeatures } = inputs;
  const infer = inputs.infer ?? networkInference(net);
  // BatchNorm folded into the layers before it: the same numbers in fewer kernels
  return net.withFoldedBatchNorm(() => tf.tidy(() => {
    const withPredictions = insight !== undefined;
    const test = forwardSet(infer, data.test, data.probeRows.id, EVAL_BATCH, withPredictions);
    const val = forwardSet(infer, data.val, 0);
    const ood = data.ood.map((o) => forwardSet(infer, o.set, data.probeRows.perShift, EVAL_BATCH, withPredictions));
    const scalars: tf.Tensor[] = [
      tf.div(test.correct, data.test.count), tf.div(val.correct, data.val.count),
      ...ood.map((o, k) => tf.div(o.correct, data.ood[k].set.count)),
    ];
    const oodFeatures = tf.concat(ood.map((o) => o.features!)) as tf.Tensor2D;
    for (const [f, f0] of [[test.features!, pretrainedFeatures.id], [oodFeatures, pretrainedFeatures.ood]] as const) {
      const d = featureDistortion(f, f0);
      scalars.push(d.l2, d.relative, d.cosine);
    }
    // training accuracy against the labels trained on (interpolation shows as 100 %)
    if (inputs.evalTrain) scalars.push(tf.div(forwardSet(infer, data.train, 0).correct, data.train.count));
    const stacked = tf.stack(scalars.map((s) => tf.reshape(s, []))) as tf.Tensor1D;
    if (!insight) return stacked;
    const inside = insight.compute({
      idFeatures: test.features!, oodFeatures, predictions: [test.predictions!, ...ood.map((o) => o.predictions!)],
    });
    return tf.concat([stacked, inside]) as tf.Tensor1D;
  }));
}

/** The state part, as one flat tensor: each weighted layer's relative drift, then the method's diagnostics (named). */
export function statePart(ctx: MethodContext, method: FineTuningMethod): { values: tf.Tensor1D; diagnosticNames: string[] } {
  let diagnosticNames: string[] = [];
  const values = tf.tidy(() => {
    const scalars: tf.Tensor[] = [];
    for (const layer of ctx.net.weightedLayers()) {
      const current = layer.trainableWeights.map((w) => w.read());
      const initial = layer.trainableWeights.map((w) => ctx.initialWeights.get(variableOf(w).name)!);
      scalars.push(relativeDrift(current, initial));
    }
    const diagnostics = method.diagnostics?.(ctx) ?? {};
    diagnosticNames = Object.keys(diagnostics);
    scalars.push(...Object.values(diagnostics));
    return scalars.length ? tf.stack(scalars.map((s) => tf.reshape(s, []))) as tf.Tensor1D : tf.zeros([0]) as tf.Tensor1D;
  });
  return { values, diagnosticNames };
}

/** Where an evaluation was taken: its step, the phase it ended, the run's elapsed seconds then. */
export interface EvalAt { step: number; phase: string; elapsedSec: number }

/** An evaluation record from the two parts' values read back. */
export function evalRecordOf(
  ctx: MethodContext, at: EvalAt, forward: Float32Array, state: Float32Array, diagnosticNames: string[], evalMs: number,
): EvalRecord {
  const { data } = ctx;
  let i = 0;
  const idAcc = forward[i++];
  const valAcc = forward[i++];
  const ood: Partial<Record<OodId, number>> = {};
  let worstShift = data.ood[0].shift;
  for (const o of data.ood) {
    ood[o.shift] = forward[i++];
    if (ood[o.shift]! < ood[worstShift]!) worstShift = o.shift;
  }
  const oodValues = data.ood.map((o) => ood[o.shift]!);
  const takeDistortion = (): DistortionValues => ({ l2: forward[i++], relative: forward[i++], cosine: forward[i++] });
  const distortion = { id: takeDistortion(), ood: takeDistortion() };
  const trainAcc = ctx.config.evalTrain ? forward[i++] : undefined;
  let j = 0;
  const drift: Record<string, number> = {};
  for (const layer of ctx.net.weightedLayers()) drift[layer.name] = state[j++];
  const diagnostics: Record<string, number> = {};
  for (const name of diagnosticNames) diagnostics[name] = state[j++];
  return {
    step: at.step, phase: at.phase, idAcc, valAcc, ood,
    oodMean: oodValues.reduce((a, b) => a + b, 0) / oodValues.length,
    oodWorst: Math.min(...oodValues),
    worstShift, distortion, drift, diagnostics,
    ...(trainAcc !== undefined ? { trainAcc } : {}),
    evalMs,
    elapsedSec: at.elapsedSec,
  };
}

export async function evaluate(
  ctx: MethodContext, method: FineTuningMethod, step: number, phase: string, elapsedSec: number,
): Promise<EvalRecord> {
  return (await evaluateWithInsight(ctx, method, step, phase, elapsedSec)).record;
}

/** The forward part's inputs for the run's own network (with the method's inference, where it has one). */
export function runForwardInputs(ctx: MethodContext, method: FineTuningMethod): ForwardInputs {
  return { net: ctx.net, data: ctx.data, pretrainedFeatures: ctx.pretrainedFeatures, evalTrain: ctx.config.evalTrain, infer: method.inference?.(ctx) };
}

/** An evaluation that, given the run's See-inside probe, also returns its record (in the same readback). */
export async function evaluateWithInsight(
  ctx: MethodContext, method: FineTuningMethod, step: number, phase: string, elapsedSec: number, insight?: InsightProbe,
): Promise<{ record: EvalRecord; insight?: InsightRecord }> {
  const t0 = performance.now();
  const forwardCount = forwardScalarCount(ctx.data, ctx.config.evalTrain);
  const state = statePart(ctx, method);
  const packed = tf.tidy(() => tf.concat([state.values, forwardPart(runForwardInputs(ctx, method), insight)]));
  state.values.dispose();
  const stateCount = state.values.shape[0];
  const raw = await packed.data() as Float32Array;
  packed.dispose();
  const forward = raw.subarray(stateCount);
  const record = evalRecordOf(ctx, { step, phase, elapsedSec }, forward, raw.subarray(0, stateCount), state.diagnosticNames, performance.now() - t0);
  return insight ? { record, insight: insight.decode(forward.subarray(forwardCount), step) } : { record };
}
