/** LP-FT: a linear-probing stage, then FT from the probed head (lpft.ts). */
import { z } from 'zod';
import { defineBaseMethod, learningRate } from './spec';

export const lpftSpec = defineBaseMethod({
  id: 'lp-ft',
  short: 'LP-FT',
  load: () => import('./lpft').then((m) => m.createLpFt),
  // flat fields (not under method['lp-ft']): the shape links and saved runs have always had
  config: {
    /** steps of the linear-probing stage (on cached features) */
    lpSteps: z.int().min(1).max(100_000),
    /** learning rate of the linear-probing stage */
    lpLr: learningRate,
  },
  defaults: { lpSteps: 150, lpLr: 1e-2 },
  params: [
    { path: 'lpSteps', label: 'LP steps', format: 'count' },
    { path: 'lpLr', label: 'LP lr', format: 'lr' },
  ],
  lr: 1e-4,
  matrix: [{ label: 'LP-FT', row: 2, kind: 'lp-ft', modifiers: [], param: 'lr', grid: [3e-5, 1e-4, 3e-4], note: 'FT-stage learning rate; LP stage at its defaults', benchmark: true }],
  claims: [{
    id: 'a',
    source: 'Kumar et al., ICLR 2022 (LP-FT)',
    statement: 'FT distorts the pretrained features more than LP-FT and loses OOD accuracy to it',
    parts: [
      { a: 'FT', b: 'LP-FT', metric: 'distId', expect: 'higher' },
      { a: 'FT', b: 'LP-FT', metric: 'distOod', expect: 'higher' },
      { a: 'LP-FT', b: 'FT', metric: 'oodMean', expect: 'higher' },
    ],
  }],
});
