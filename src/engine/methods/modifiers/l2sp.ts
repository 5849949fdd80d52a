/**
 * L2-SP (Li, Grandvalet, Davoine; ICML 2018): loss + (α/2)·Σ_backbone ‖θ−θ0‖² + (β/2)·‖θ_head‖².
 * The penalty covers the pretrained weights the phase trains (the head is new: no θ0 to pull to).
 */
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../../ops/addAll';
import type { MethodContext, MethodModifier, TrainingPhase } from '../types';

export function l2spPenalty(backbone: tf.Tensor[], anchors: tf.Tensor[], head: tf.Tensor[], alpha: number, beta: number): tf.Scalar {
  return tf.tidy(() => {
    const sq = (ts: tf.Tensor[]) => (ts.length ? addAll(ts.map((t) => tf.sum(tf.square(t)))) : tf.scalar(0));
    const toAnchor = sq(backbone.map((w, i) => tf.sub(w, anchors[i])));
    return tf.add(tf.mul(toAnchor, alpha / 2), tf.mul(sq(head), beta / 2)) as tf.Scalar;
  });
}

export function createL2sp(): MethodModifier {
  return {
    id: 'l2sp',
    adjustPhase(phase: TrainingPhase, ctx: MethodContext): TrainingPhase {
      const { alpha, beta } = ctx.config.method.l2sp;
      const backbone = phase.groups.filter((g) => g.role === 'backbone').flatMap((g) => g.vars);
      const head = beta > 0 ? phase.groups.filter((g) => g.role === 'head').flatMap((g) => g.vars) : [];
      const anchors = backbone.map((v) => ctx.initialWeights.get(v.name)!);
      return {
        ...phase,
        lossTerms: [...phase.lossTerms, { name: 'l2sp', compute: () => l2spPenalty(backbone, anchors, head, alpha, beta) }],
      };
    },
  };
}
