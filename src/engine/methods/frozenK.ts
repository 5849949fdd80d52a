/**
 * Frozen-k: the first k blocks (from the input) keep their pretrained weights and BatchNorm
 * statistics (eval mode); later blocks and the head train. k = 0 is FT; k = all blocks is LP
 * (without the feature cache).
 */
import { fineTunePhase } from './phases';
import type { FineTuningMethod } from './types';

export const frozenK: FineTuningMethod = {
  kind: 'frozen-k',
  phases: (ctx) => {
    const k = ctx.config.method.frozenBlocks;
    return [fineTunePhase(ctx, {
      name: `Frozen-${k}`,
      steps: ctx.mainSteps,
      firstBlock: k,
      lr: ctx.config.lr,
      batchNorm: (_layer, block) => (block !== undefined && block < k ? 'eval' : 'train'),
    })];
  },
};
