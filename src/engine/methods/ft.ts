/** FT: every parameter trains at one learning rate, new random head, BatchNorm in train mode. */
import { fineTunePhase } from './phases';
import type { FineTuningMethod } from './types';

export const fullFineTuning: FineTuningMethod = {
  kind: 'ft',
  phases: (ctx) => [fineTunePhase(ctx, { name: 'FT', steps: ctx.mainSteps, lr: ctx.config.lr, batchNorm: () => 'train' })],
};
