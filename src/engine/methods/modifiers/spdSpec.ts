/** SPD: Adam whose update of a pretrained tensor is projected back toward θ0 (spd.ts). */
import { z } from 'zod';
import { defineModifier, strength } from '../spec';

export const spdSpec = defineModifier({
  id: 'spd',
  short: 'SPD',
  load: () => import('./spd').then((m) => m.createSpd),
  config: {
    /** selective projection decay strength λ (1 projects back onto the previous distance from θ0) */
    spd: z.strictObject({ enabled: z.boolean(), lambda: strength }),
  },
  defaults: { spd: { enabled: false, lambda: 1 } },
  params: [{ path: 'spd.lambda', label: 'SPD λ', format: 'number' }],
  actsOn: 'decays updates of pretrained weights toward θ0',
  diagnostics: 'spd',
  stepTimeVsFt: { limit: 1.3 },
  matrix: [
    { label: 'SPD', row: 5, kind: 'ft', modifiers: ['spd'], param: 'method.spd.lambda', grid: [0.5, 1, 2], note: "λ at FT's default lr", benchmark: true },
    { label: 'DAFT+SPD', row: 8, kind: 'daft', modifiers: ['spd'], param: 'method.spd.lambda', grid: [0.5, 1, 2], note: 'SPD λ; DAFT at its default lr' },
    { label: 'FT-LP+SPD', row: 9, kind: 'ft', modifiers: ['ftlp', 'spd'], param: 'method.spd.lambda', grid: [0.5, 1, 2], note: 'SPD λ; FT-LP λ and lr at their defaults' },
  ],
  claims: [{
    id: 'c',
    source: 'Tian et al., NeurIPS 2024 (SPD)',
    statement: 'SPD gives better ID and OOD accuracy than plain FT with Adam',
    parts: [
      { a: 'SPD', b: 'FT', metric: 'idAcc', expect: 'higher' },
      { a: 'SPD', b: 'FT', metric: 'oodMean', expect: 'higher' },
    ],
  }],
});
