/**
 * FT-LP — fine-tuning with large-scale pretrained priors (Wang et al., arXiv 2406.05628).
 * RECONSTRUCTION (no public code), in the MIRO form (Cha et al., ECCV 2022) as METHODS.md states:
 * the frozen pretrained model is a prior at every step through a learned-variance feature regulariser
 *   σ²_l = softplus(b_l) + 1e-5 (per channel, init σ² ≈ 0.1, b_l at 10× the lr)
 *   R = Σ_l mean((z_l − z0_l)² / σ²_l + log σ²_l) / 2,   loss = CE + λ·R
 * z_l are the tuned network's block outputs, z0_l the pretrained ones (inference mode, no gradient).
 * Training images repeat every epoch, so z0 is computed once per image (prepare) and gathered.
 */
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../../ops/addAll';
import { newVariable } from '../../training/optimizers';
import { paramGroup } from '../phases';
import { TapCache } from '../taps';
import type { MethodContext, MethodModifier, TrainingPhase } from '../types';

import { FTLP_INITIAL_VARIANCE, FTLP_VARIANCE_FLOOR as VARIANCE_FLOOR } from './ftlpConstants';

export { FTLP_INITIAL_VARIANCE };

/** b such that softplus(b) + 1e-5 = σ² */
export function inverseSoftplusVariance(variance: number): number {
  return Math.log(Math.expm1(variance - VARIANCE_FLOOR));
}

export function learnedVariance(b: tf.Tensor): tf.Tensor {
  return tf.add(tf.softplus(b), VARIANCE_FLOOR);
}

/** R for one tap: mean((z − z0)² / σ² + log σ²) / 2, σ² broadcast over the channel (last) axis. */
export function tapRegulariser(z: tf.Tensor, z0: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const variance = learnedVariance(b);
    const perElement = tf.add(tf.div(tf.square(tf.sub(z, z0)), variance), tf.log(variance));
    return tf.div(tf.mean(perElement), 2) as tf.Scalar;
  });
}

export function createFtLp(): MethodModifier {
  const cache = new TapCache();
  const logVarianceParams: tf.Variable[] = [];
  let lastValue: tf.Variable | null = null;
  let stepped = false;
  let tapNames: string[] = [];
  return {
    id: 'ftlp',
    prepare(ctx) {
      ctx.report('FT-LP: computing the pretrained prior features of the training images');
      const taps = ctx.net.anatomy.taps;
      tapNames = taps;
      cache.build(ctx.net, ctx.data.train, taps.map((_, i) => i), false);
      const shapes = taps.map((name) => ctx.net.view.getLayer(name).outputShape as number[]);
      for (const shape of shapes) {
        const channels = shape[shape.length - 1];
        logVarianceParams.push(newVariable(() => tf.fill([channels], inverseSoftplusVariance(FTLP_INITIAL_VARIANCE)), true));
      }
      lastValue = newVariable(() => tf.scalar(0));
    },
    adjustPhase(phase: TrainingPhase, ctx: MethodContext): TrainingPhase {
      const lambda = ctx.config.method.ftlp.lambda;
      const backbone = phase.groups.find((g) => g.role === 'backbone');
      const lr = (backbone?.lr ?? ctx.config.lr) * 10;
      const holder = lastValue!;
      return {
        ...phase,
        groups: [...phase.groups, paramGroup('ftlp-variance', 'extra', logVarianceParams, backbone?.optimizerKind ?? ctx.config.optimizer, lr)],
        lossTerms: [...phase.lossTerms, {
          name: 'ftlp',
          compute: (out, batch) => {
            const z0 = cache.gather(batch.indices);
            const taps = out.taps ?? [];
            const r = addAll(taps.map((z, i) => tapRegulariser(z, z0[i], logVarianceParams[i])));
            holder.assign(r);
            stepped = true;
            return tf.mul(r, lambda) as tf.Scalar;
          },
        }],
      };
    },
    diagnostics() {
      const out: Record<string, tf.Scalar> = {};
      // R exists only once a step has computed it (no placeholder 0 before training)
      if (lastValue && stepped) out['ftlp.regulariser'] = tf.clone(lastValue) as tf.Scalar;
      logVarianceParams.forEach((b, i) => { out[`ftlp.variance:${tapNames[i]}`] = tf.mean(learnedVariance(b)) as tf.Scalar; });
      return out;
    },
    dispose() {
      cache.dispose();
      tf.dispose(logVarianceParams);
      logVarianceParams.length = 0;
      lastValue?.dispose();
      lastValue = null;
    },
  };
}
