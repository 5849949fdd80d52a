/** LP: the backbone stays frozen; only the new head trains, on features computed once. */
import { FeatureCache, linearProbePhase } from './linearProbe';
import type { FineTuningMethod } from './types';

export function createLinearProbing(): FineTuningMethod {
  const cache = new FeatureCache();
  return {
    kind: 'lp',
    prepare: (ctx) => { ctx.report('caching backbone features'); cache.build(ctx); },
    phases: (ctx) => [linearProbePhase(ctx, cache, { name: 'LP', steps: ctx.mainSteps, lr: ctx.config.lr, schedule: ctx.config.schedule })],
    dispose: () => cache.dispose(),
  };
}
