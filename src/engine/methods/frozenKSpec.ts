/** Frozen-k: the first k blocks frozen (frozenK.ts). */
import { z } from 'zod';
import { defineBaseMethod } from './spec';

export const frozenKSpec = defineBaseMethod({
  id: 'frozen-k',
  short: 'Frozen-k',
  load: () => import('./frozenK').then((m) => () => m.frozenK),
  // a flat field (not under method['frozen-k']): the shape links and saved runs have always had
  config: {
    /** number of blocks frozen, counted from the input */
    frozenBlocks: z.int().min(0).max(32),
  },
  defaults: { frozenBlocks: 2 },
  // k is in the run's name ("Frozen-3"), so it needs no label of its own
  params: [],
  lr: 2e-3,
  runName: (m) => `Frozen-${m.frozenBlocks}`,
  comboName: (m) => `frozen-${m.frozenBlocks}`,
  trainsNoPretrained: (model, m) =>
    (m.frozenBlocks as number) >= model.blockCount ? `with all ${model.blockCount} blocks frozen no pretrained weight trains (this is LP)` : null,
});
