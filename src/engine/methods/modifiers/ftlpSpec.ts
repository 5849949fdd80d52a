/** FT-LP (MIRO form): the frozen pretrained model as a learned-variance feature prior (ftlp.ts). */
import { z } from 'zod';
import { defineModifier, strength } from '../spec';

export const ftlpSpec = defineModifier({
  id: 'ftlp',
  short: 'FT-LP',
  load: () => import('./ftlp').then((m) => m.createFtLp),
  config: {
    /** weight λ of the learned-variance feature prior against the frozen pretrained model */
    ftlp: z.strictObject({ enabled: z.boolean(), lambda: strength }),
  },
  defaults: { ftlp: { enabled: false, lambda: 0.1 } },
  params: [{ path: 'ftlp.lambda', label: 'FT-LP λ', format: 'number' }],
  actsOn: 'ties the fine-tuned features to the pretrained ones',
  diagnostics: 'ftlp',
  stepTimeVsFt: { limit: 1.8 },
  matrix: [{ label: 'FT-LP', row: 6, kind: 'ft', modifiers: ['ftlp'], param: 'method.ftlp.lambda', grid: [0.01, 0.1, 1], note: "λ at FT's default lr" }],
  claims: [{
    id: 'e',
    source: 'Wang et al., 2024 (FT-LP; MIRO-form reconstruction)',
    statement: 'FT-LP improves OOD accuracy over FT',
    parts: [{ a: 'FT-LP', b: 'FT', metric: 'oodMean', expect: 'higher' }],
  }],
});
