/**
 * SPD — Selective Projection Decay (Tian, Huang, Kira; NeurIPS 2024), as GT-RIPL's adamSPD.py
 * computes it, per parameter tensor, after the optimiser proposes θ~:
 *   c = −Σ g ⊙ (θ − θ0);  if c < 0:  r = clip((‖θ~−θ0‖ − ‖θ−θ0‖) / ‖θ~−θ0‖, 0, 1);  θ~ ← θ~ − λ·r·(θ~ − θ0)
 * On the device, branch-free (a 0/1 mask instead of `if`), no readback: two fused kernels per
 * tensor (kernels/fused/selectiveProjection.ts). The new head gets λ = 0.
 * With Adam this is AdamSPD exactly; with SGD (a base method that fixes it) the same projection follows the SGD step.
 */
import * as tf from '@tensorflow/tfjs';
import { spdApply, spdState } from '../../kernels/fused/selectiveProjection';
import { addAll } from '../../ops/addAll';
import { createOptimizer, newVariable, type Projection } from '../../training/optimizers';
import type { MethodContext, MethodModifier, TrainingPhase } from '../types';

/**
 * The projection for one group. `states` holds, per variable, the last step's statistics and in
 * element 3 the number of steps whose condition c < 0 held ([Σ g·(θ−θ0), ‖θ~−θ0‖², ‖θ−θ0‖², count]).
 */
export function spdProjection(lambda: number, anchors: Map<string, tf.Tensor>, states: Map<string, tf.Variable>): Projection {
  return (v, g, proposed) => {
    const theta0 = anchors.get(v.name);
    if (!theta0) throw new Error(`SPD: no pretrained anchor for ${v.name}`);
    let state = states.get(v.name);
    if (!state) states.set(v.name, (state = newVariable(() => tf.zeros([4]))));
    const next = spdState(v, g, theta0, proposed, state);
    state.assign(next);
    return spdApply(proposed, theta0, next, { lambda });
  };
}

export function createSpd(): MethodModifier {
  const states = new Map<string, tf.Variable>();
  let steps = 0;
  return {
    id: 'spd',
    adjustPhase(phase: TrainingPhase, ctx: MethodContext): TrainingPhase {
      const lambda = ctx.config.method.spd.lambda;
      const groups = phase.groups.map((g) => {
        if (g.role !== 'backbone') return g; // a freshly initialised head has nothing to be anchored to: λ = 0
        g.optimizer.dispose();
        return { ...g, optimizer: createOptimizer(g.optimizerKind, spdProjection(lambda, ctx.initialWeights, states)) };
      });
      const previous = phase.afterStep;
      return {
        ...phase, groups,
        afterStep: (step) => { previous?.(step); steps++; },
      };
    },
    diagnostics(ctx) {
      // per layer: share of steps on which SPD's condition held (mean over the layer's tensors), and ‖θ−θ0‖
      const out: Record<string, tf.Scalar> = {};
      for (const layer of ctx.net.weightedLayers()) {
        const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable).filter((v) => states.has(v.name));
        if (!vars.length) continue;
        const counts = tf.concat(vars.map((v) => tf.slice(states.get(v.name)!, [3], [1])));
        out[`spd.decayShare:${layer.name}`] = tf.div(tf.mean(counts), Math.max(steps, 1)) as tf.Scalar;
        out[`spd.distance:${layer.name}`] = tf.sqrt(addAll(vars.map((v) => tf.sum(tf.square(tf.sub(v, ctx.initialWeights.get(v.name)!)))))) as tf.Scalar;
      }
      return out;
    },
    dispose() {
      for (const s of states.values()) s.dispose();
      states.clear();
      steps = 0;
    },
  };
}
