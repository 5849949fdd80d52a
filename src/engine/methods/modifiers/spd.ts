/**
 * SPD — Selective Projection Decay (Tian, Huang, Kira; NeurIPS 2024), as GT-RIPL's adamSPD.py
 * computes it, per parameter tensor, after the optimiser proposes θ~:
 *   c = −Σ g ⊙ (θ − θ0);  if c < 0:  r = clip((‖θ~−θ0‖ − ‖θ−θ0‖) / ‖θ~−θ0‖, 0, 1);  θ~ ← θ~ − λ·r·(θ~ − θ0)
 * On the device, branch-free (a 0/1 mask instead of `if`), no readback. The new head gets λ = 0.
 * With Adam this is AdamSPD exactly; with DAFT's SGD the same projection follows the SGD step.
 */
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../../ops/addAll';
import { createOptimizer, newVariable, type Projection } from '../../training/optimizers';
import type { MethodContext, MethodModifier, TrainingPhase } from '../types';

const EPS = 1e-12;

/** r = clip((‖θ~−θ0‖ − ‖θ−θ0‖) / ‖θ~−θ0‖, 0, 1) as a scalar tensor. */
export function spdRatio(proposedDev: tf.Tensor, currentDev: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const next = tf.norm(proposedDev);
    return tf.clipByValue(tf.div(tf.sub(next, tf.norm(currentDev)), tf.add(next, EPS)), 0, 1) as tf.Scalar;
  });
}

/** The projection for one group; counts, per variable, the steps whose condition c < 0 held. */
export function spdProjection(lambda: number, anchors: Map<string, tf.Tensor>, decayedSteps?: Map<string, tf.Variable>): Projection {
  return (v, g, proposed) => {
    const theta0 = anchors.get(v.name);
    if (!theta0) throw new Error(`SPD: no pretrained anchor for ${v.name}`);
    const dev = tf.sub(v, theta0);
    const condition = tf.neg(tf.sum(tf.mul(g, dev)));
    const inconsistent = tf.cast(tf.less(condition, 0), 'float32');
    const counter = decayedSteps?.get(v.name);
    if (counter) counter.assign(tf.add(counter, inconsistent));
    const proposedDev = tf.sub(proposed, theta0);
    const r = spdRatio(proposedDev, dev);
    return tf.sub(proposed, tf.mul(tf.mul(inconsistent, tf.mul(r, lambda)), proposedDev));
  };
}

export function createSpd(): MethodModifier {
  const decayedSteps = new Map<string, tf.Variable>();
  let steps: tf.Variable | null = null;
  return {
    id: 'spd',
    adjustPhase(phase: TrainingPhase, ctx: MethodContext): TrainingPhase {
      const lambda = ctx.config.method.spd.lambda;
      steps ??= newVariable(() => tf.scalar(0));
      const groups = phase.groups.map((g) => {
        if (g.role !== 'backbone') return g; // a freshly initialised head has nothing to be anchored to: λ = 0
        for (const v of g.vars) if (!decayedSteps.has(v.name)) decayedSteps.set(v.name, newVariable(() => tf.scalar(0)));
        g.optimizer.dispose();
        return { ...g, optimizer: createOptimizer(g.optimizerKind, spdProjection(lambda, ctx.initialWeights, decayedSteps)) };
      });
      const counter = steps;
      const previous = phase.afterStep;
      return {
        ...phase, groups,
        afterStep: (step) => { previous?.(step); counter.assign(tf.add(counter, 1)); },
      };
    },
    diagnostics(ctx) {
      // per layer: share of steps on which SPD's condition held (mean over the layer's tensors), and ‖θ−θ0‖
      const out: Record<string, tf.Scalar> = {};
      const total = tf.maximum(steps ?? tf.scalar(0), 1);
      for (const layer of ctx.net.weightedLayers()) {
        const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable).filter((v) => decayedSteps.has(v.name));
        if (!vars.length) continue;
        out[`spd.decayShare:${layer.name}`] = tf.div(tf.mean(tf.stack(vars.map((v) => decayedSteps.get(v.name)!))), total) as tf.Scalar;
        out[`spd.distance:${layer.name}`] = tf.sqrt(addAll(vars.map((v) => tf.sum(tf.square(tf.sub(v, ctx.initialWeights.get(v.name)!)))))) as tf.Scalar;
      }
      return out;
    },
    dispose() {
      for (const c of decayedSteps.values()) c.dispose();
      decayedSteps.clear();
      steps?.dispose();
      steps = null;
    },
  };
}
