/** LEVI: frozen pretrained taps plus a small task model from scratch (levi.ts). */
import { z } from 'zod';
import { defineBaseMethod } from './spec';

export const leviSpec = defineBaseMethod({
  id: 'levi',
  short: 'LEVI',
  load: () => import('./levi').then((m) => m.createLevi),
  config: {
    /** how many of the last blocks of the frozen model are tapped, and the task model's width */
    levi: z.strictObject({ taps: z.int().min(1).max(8), width: z.int().min(8).max(256) }),
  },
  defaults: { levi: { taps: 2, width: 64 } },
  params: [
    { path: 'levi.taps', label: 'LEVI taps', format: 'number' },
    { path: 'levi.width', label: 'LEVI width', format: 'number' },
  ],
  lr: 1e-3,
  trainsNoPretrained: () => 'LEVI keeps the pretrained model frozen and trains a separate task model',
  wiseFtConflict: 'WiSE-FT interpolates fine-tuned and pretrained weights of one network; LEVI leaves the pretrained network unchanged and adds a separate model',
  diagnostics: 'levi',
  stepTimeVsFt: { limit: 1.0, what: 'LEVI (cached taps)' },
  matrix: [{ label: 'LEVI', row: 7, kind: 'levi', modifiers: [], param: 'lr', grid: [1e-3, 2e-3, 4e-3], note: 'learning rate of the task model and adapters' }],
  claims: [{
    id: 'd',
    source: 'Roh et al., ICML 2024 (LEVI)',
    statement: 'LEVI improves OOD accuracy over FT',
    parts: [{ a: 'LEVI', b: 'FT', metric: 'oodMean', expect: 'higher' }],
  }],
});
