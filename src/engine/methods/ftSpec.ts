/** FT: every weight trains (ft.ts). */
import { defineBaseMethod } from './spec';

export const ftSpec = defineBaseMethod({
  id: 'ft',
  short: 'FT',
  load: () => import('./ft').then((m) => () => m.fullFineTuning),
  config: {},
  defaults: {},
  params: [],
  lr: 2e-3,
  matrix: [{ label: 'FT', row: 1, kind: 'ft', modifiers: [], param: 'lr', grid: [1e-3, 2e-3, 4e-3], note: 'learning rate (Adam)', benchmark: true }],
});
