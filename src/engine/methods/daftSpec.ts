/** DAFT: BatchNorm converted to target statistics, a zero head with a large learning rate (daft.ts). */
import { z } from 'zod';
import { defineBaseMethod } from './spec';

export const daftSpec = defineBaseMethod({
  id: 'daft',
  short: 'DAFT',
  load: () => import('./daft').then((m) => m.createDaft),
  config: {
    /** the zero-initialised head's learning rate is this many times the backbone's */
    daft: z.strictObject({ headLrScale: z.number().min(1, 'must be ≥ 1').max(1e6, 'must be ≤ 1e6') }),
  },
  // chosen on ID validation within the official sweep's range (scripts/results/paramStudy.ts, docs/results.md)
  defaults: { daft: { headLrScale: 1000 } },
  params: [{ path: 'daft.headLrScale', label: 'head lr', format: 'times', oldDefault: { linkVersion: 1, value: 100 } }],
  lr: 1e-4,
  headLrScale: 'daft.headLrScale',
  fixed: {
    optimizer: { value: 'sgd', reason: 'DAFT always trains with SGD, momentum 0.9, no weight decay (as in the paper); this setting is not used' },
    schedule: { value: 'cosine', reason: 'DAFT decays head and backbone on one cosine schedule to 0' },
  },
  modelConflict: (model, modelId) =>
    model.hasBatchNorm ? null : `DAFT converts BatchNorm layers to the target statistics; ${modelId} has no BatchNorm layer, so there is nothing to convert`,
  refusesModifiers: {
    ftlp: 'FT-LP freezes BatchNorm (inference statistics) in the whole network, as MIRO does, so that its prior compares like with like; DAFT converts BatchNorm to the target statistics and then trains it in batch-statistics mode, so the two cannot both hold',
  },
  diagnostics: 'daft',
  stepTimeVsFt: { limit: 1.05 },
  matrix: [{ label: 'DAFT', row: 4, kind: 'daft', modifiers: [], param: 'lr', grid: [3e-5, 1e-4, 3e-4], note: 'backbone learning rate (SGD); head lr × the default headLrScale (1000)', benchmark: true }],
  claims: [{
    id: 'b',
    source: 'Ha et al., AAAI 2024 (DAFT)',
    statement: 'DAFT improves ID and OOD accuracy over FT and LP-FT and reduces feature distortion',
    parts: [
      { a: 'DAFT', b: 'FT', metric: 'idAcc', expect: 'higher' },
      { a: 'DAFT', b: 'LP-FT', metric: 'idAcc', expect: 'higher' },
      { a: 'DAFT', b: 'FT', metric: 'oodMean', expect: 'higher' },
      { a: 'DAFT', b: 'LP-FT', metric: 'oodMean', expect: 'higher' },
      { a: 'DAFT', b: 'FT', metric: 'distId', expect: 'lower' },
      { a: 'DAFT', b: 'FT', metric: 'distOod', expect: 'lower' },
    ],
  }],
});
