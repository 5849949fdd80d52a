/** LP: frozen backbone, the head trained on cached features (lp.ts). */
import { defineBaseMethod } from './spec';

export const lpSpec = defineBaseMethod({
  id: 'lp',
  short: 'LP',
  load: () => import('./lp').then((m) => m.createLinearProbing),
  config: {},
  defaults: {},
  params: [],
  lr: 1e-2,
  trainsNoPretrained: () => 'LP keeps every pretrained weight frozen and trains only the head',
  wiseFtConflict: 'WiSE-FT interpolates fine-tuned and pretrained weights; after LP the backbone equals the pretrained one and only the head differs',
  stepTimeVsFt: { limit: 0.3, what: 'LP (cached features)' },
  matrix: [{ label: 'LP', row: 0, kind: 'lp', modifiers: [], param: 'lr', grid: [3e-3, 1e-2, 3e-2], note: 'head learning rate', benchmark: true }],
});
