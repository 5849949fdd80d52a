/**
 * LP-FT (Kumar et al., ICLR 2022): linear probing first, then fine-tuning everything from the
 * probed head, with BatchNorm kept in eval mode (source statistics) and a small learning rate.
 * The LP stage runs on cached features, so it costs little on top of the FT stage.
 */
import { FeatureCache, linearProbePhase } from './linearProbe';
import { fineTunePhase } from './phases';
import type { FineTuningMethod } from './types';

export function createLpFt(): FineTuningMethod {
  const cache = new FeatureCache();
  return {
    kind: 'lp-ft',
    prepare: (ctx) => { ctx.report('caching backbone features for the LP stage'); cache.build(ctx); },
    phases: (ctx) => [
      linearProbePhase(ctx, cache, { name: 'LP', steps: ctx.config.method.lpSteps, lr: ctx.config.method.lpLr, schedule: 'constant' }),
      fineTunePhase(ctx, { name: 'FT', steps: ctx.mainSteps, lr: ctx.config.lr, batchNorm: () => 'eval' }),
    ],
    dispose: () => cache.dispose(),
  };
}
