/**
 * L2-SP (Li, Grandvalet, Davoine; ICML 2018): loss + (α/2)·Σ_backbone ‖θ−θ0‖² + (β/2)·‖θ_head‖².
 * The penalty covers the pretrained weights the phase trains (the head is new: no θ0 to pull to).
 */
import * as tf from '@tensorflow/tfjs';
import { pull, squaredDistance } from '../../kernels/fused/anchorDistance';
import { constant } from '../../ops/constants';
import type { MethodContext, MethodModifier, TrainingPhase, WeightPenalty } from '../types';

/** The sum of many scalars in two kernels (stack, sum) rather than a chain of adds. */
function sumScalars(scalars: tf.Scalar[]): tf.Scalar {
  return scalars.length === 1 ? scalars[0] : tf.sum(tf.stack(scalars));
}

/**
 * The penalty with its closed-form gradient: α(θ − θ0) on the backbone (one fused kernel per
 * tensor, ops PULL), β·θ on the head.
 */
export function l2spPenalty(backbone: tf.Variable[], anchors: tf.Tensor[], head: tf.Variable[], alpha: number, beta: number): WeightPenalty {
  const anchorOf = new Map(backbone.map((v, i) => [v.name, anchors[i]]));
  const onHead = new Set(head.map((v) => v.name));
  return {
    name: 'l2sp',
    value: () => tf.tidy(() => {
      const toAnchor = backbone.length ? tf.mul(sumScalars(backbone.map((w, i) => squaredDistance(w, anchors[i]))), constant(alpha / 2)) : null;
      const headNorm = head.length ? tf.mul(sumScalars(head.map((t) => tf.sum(tf.square(t)))), constant(beta / 2)) : null;
      return (toAnchor && headNorm ? tf.add(toAnchor, headNorm) : toAnchor ?? headNorm ?? tf.scalar(0)) as tf.Scalar;
    }),
    addGradient(v, g) {
      const anchor = anchorOf.get(v.name);
      if (anchor) return pull(g, v, anchor, alpha);
      return onHead.has(v.name) ? tf.add(g, tf.mul(v, constant(beta))) : g;
    },
  };
}

export function createL2sp(): MethodModifier {
  return {
    id: 'l2sp',
    adjustPhase(phase: TrainingPhase, ctx: MethodContext): TrainingPhase {
      const { alpha, beta } = ctx.config.method.l2sp;
      const backbone = phase.groups.filter((g) => g.role === 'backbone').flatMap((g) => g.vars);
      const head = beta > 0 ? phase.groups.filter((g) => g.role === 'head').flatMap((g) => g.vars) : [];
      const anchors = backbone.map((v) => ctx.initialWeights.get(v.name)!);
      return { ...phase, penalties: [...(phase.penalties ?? []), l2spPenalty(backbone, anchors, head, alpha, beta)] };
    },
  };
}
