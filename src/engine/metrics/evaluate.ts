/**
 * One evaluation: ID and validation accuracy, OOD accuracy per shift, feature distortion on the
 * probe sets, per-layer weight drift and the method's diagnostics, computed on the device and
 * read back as one stacked tensor (one readback per evaluation).
 */
import * as tf from '@tensorflow/tfjs';
import { chunks } from '../data/deviceData';
import type { MethodContext, FineTuningMethod } from '../methods/types';
import { variableOf } from '../models/network';
import type { ShiftId } from '../shifts/types';
import type { DistortionValues, EvalRecord } from '../training/events';
import { correctCount, EVAL_BATCH } from './accuracy';
import { featureDistortion } from './distortion';
import { relativeDrift } from './weightDrift';

export function probeFeatures(ctx: Pick<MethodContext, 'net'>, x: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => tf.concat(chunks(x.shape[0], EVAL_BATCH).map((c) =>
    ctx.net.forward(x.slice([c.start, 0, 0, 0], [c.size, -1, -1, -1]), false).features)) as tf.Tensor2D);
}

export function driftLayerNames(ctx: Pick<MethodContext, 'net'>): string[] {
  return ctx.net.weightedLayers().map((l) => l.name);
}

export async function evaluate(
  ctx: MethodContext, method: FineTuningMethod, step: number, phase: string, elapsedSec: number,
): Promise<EvalRecord> {
  const t0 = performance.now();
  const { net, data } = ctx;
  const layers = net.weightedLayers();
  let diagnosticNames: string[] = [];
  const packed = tf.tidy(() => {
    const predict = (x: tf.Tensor4D) => net.predict(x);
    const acc = (set: typeof data.test) => tf.div(correctCount(predict, set), set.count);
    const scalars: tf.Tensor[] = [acc(data.test), acc(data.val), ...data.ood.map((o) => acc(o.set))];
    for (const [f0, probe] of [[ctx.pretrainedFeatures.id, data.probeId], [ctx.pretrainedFeatures.ood, data.probeOod]] as const) {
      const d = featureDistortion(probeFeatures(ctx, probe.x), f0);
      scalars.push(d.l2, d.relative, d.cosine);
    }
    for (const layer of layers) {
      const current = layer.trainableWeights.map((w) => w.read());
      const initial = layer.trainableWeights.map((w) => ctx.initialWeights.get(variableOf(w).name)!);
      scalars.push(relativeDrift(current, initial));
    }
    const diagnostics = method.diagnostics?.(ctx) ?? {};
    diagnosticNames = Object.keys(diagnostics);
    scalars.push(...Object.values(diagnostics));
    return tf.stack(scalars.map((s) => tf.reshape(s, [])));
  });
  const values = Array.from(await packed.data());
  packed.dispose();

  let i = 0;
  const idAcc = values[i++];
  const valAcc = values[i++];
  const ood: Partial<Record<ShiftId, number>> = {};
  let worstShift = data.ood[0].shift;
  for (const o of data.ood) {
    ood[o.shift] = values[i++];
    if (ood[o.shift]! < ood[worstShift]!) worstShift = o.shift;
  }
  const oodValues = data.ood.map((o) => ood[o.shift]!);
  const takeDistortion = (): DistortionValues => ({ l2: values[i++], relative: values[i++], cosine: values[i++] });
  const distortion = { id: takeDistortion(), ood: takeDistortion() };
  const drift: Record<string, number> = {};
  for (const layer of layers) drift[layer.name] = values[i++];
  const diagnostics: Record<string, number> = {};
  for (const name of diagnosticNames) diagnostics[name] = values[i++];
  return {
    step, phase, idAcc, valAcc, ood,
    oodMean: oodValues.reduce((a, b) => a + b, 0) / oodValues.length,
    oodWorst: Math.min(...oodValues),
    worstShift, distortion, drift, diagnostics,
    evalMs: performance.now() - t0,
    elapsedSec,
  };
}
