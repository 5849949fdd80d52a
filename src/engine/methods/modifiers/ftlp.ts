/**
 * FT-LP — fine-tuning with large-scale pretrained priors (Wang et al., arXiv 2406.05628).
 * RECONSTRUCTION (no public code), in the MIRO form (Cha et al., ECCV 2022) as METHODS.md states:
 * the frozen pretrained model is a prior at every step through a learned-variance feature regulariser
 *   σ²_l = softplus(b_l) + 1e-5 (per channel, init σ² ≈ 0.1, b_l at 10× the lr)
 *   R = Σ_l mean((z_l − z0_l)² / σ²_l + log σ²_l) / 2,   loss = CE + λ·R
 * z_l are the tuned network's block outputs, z0_l the pretrained ones (inference mode, no gradient).
 * BatchNorm is frozen (inference-mode statistics) in the whole network, as MIRO's code freezes it
 * (ResNet + FrozenBN, freeze_bn() in train()): the loss and the prior see the same network, and at
 * θ = θ0 the prior's data term is exactly 0.
 * Training images repeat every epoch, so z0 is computed once per image (prepare) and gathered.
 */
import * as tf from '@tensorflow/tfjs';
import { newVariable } from '../../training/optimizers';
import { paramGroup } from '../phases';
import { TapCache } from '../taps';
import type { MethodContext, MethodModifier, TrainingPhase } from '../types';

import { FTLP_INITIAL_VARIANCE, FTLP_VARIANCE_FLOOR as VARIANCE_FLOOR } from './ftlpConstants';
import { learnedVariance, PriorTerm } from './ftlpPrior';

export { FTLP_INITIAL_VARIANCE, learnedVariance };

/** b such that softplus(b) + 1e-5 = σ² */
export function inverseSoftplusVariance(variance: number): number {
  return Math.log(Math.expm1(variance - VARIANCE_FLOOR));
}

export function createFtLp(): MethodModifier {
  const cache = new TapCache();
  const prior = new PriorTerm();
  /** σ²'s parameters for every channel of every tap, tap after tap */
  let logVariance: tf.Variable | null = null;
  let lastValue: tf.Variable | null = null;
  let stepped = false;
  let taps: { name: string; channels: number }[] = [];
  return {
    id: 'ftlp',
    prepare(ctx) {
      ctx.report('FT-LP: computing the pretrained prior features of the training images');
      const names = ctx.net.anatomy.taps;
      cache.build(ctx.net, ctx.data.train, names.map((_, i) => i), false);
      taps = names.map((name) => {
        const shape = ctx.net.view.getLayer(name).outputShape as number[];
        return { name, channels: shape[shape.length - 1] };
      });
      const total = taps.reduce((n, t) => n + t.channels, 0);
      logVariance = newVariable(() => tf.fill([total], inverseSoftplusVariance(FTLP_INITIAL_VARIANCE)), true);
      lastValue = newVariable(() => tf.scalar(0));
    },
    adjustPhase(phase: TrainingPhase, ctx: MethodContext): TrainingPhase {
      const lambda = ctx.config.method.ftlp.lambda;
      const backbone = phase.groups.find((g) => g.role === 'backbone');
      const lr = (backbone?.lr ?? ctx.config.lr) * 10;
      const holder = lastValue!;
      const b = logVariance!;
      return {
        ...phase,
        batchNorm: () => 'eval',
        groups: [...phase.groups, paramGroup('ftlp-variance', 'extra', [b], backbone?.optimizerKind ?? ctx.config.optimizer, lr)],
        lossTerms: [...phase.lossTerms, {
          name: 'ftlp',
          compute: (out, batch) => {
            stepped = true;
            return prior.compute(out.taps ?? [], () => cache.gather(batch.indices), b, lambda, (r) => holder.assign(r));
          },
        }],
      };
    },
    diagnostics() {
      const out: Record<string, tf.Scalar> = {};
      // R exists only once a step has computed it (no placeholder 0 before training)
      if (lastValue && stepped) out['ftlp.regulariser'] = tf.clone(lastValue) as tf.Scalar;
      if (logVariance) {
        const perTap = tf.split(logVariance, taps.map((t) => t.channels));
        taps.forEach((t, i) => { out[`ftlp.variance:${t.name}`] = tf.mean(learnedVariance(perTap[i])) as tf.Scalar; });
      }
      return out;
    },
    dispose() {
      cache.dispose();
      prior.dispose();
      logVariance?.dispose();
      logVariance = null;
      lastValue?.dispose();
      lastValue = null;
    },
  };
}
