/** L2-SP: loss + (α/2)·‖θ−θ0‖² on the backbone, (β/2)·‖θ‖² on the head (l2sp.ts). */
import { z } from 'zod';
import { defineModifier, strength } from '../spec';

export const l2spSpec = defineModifier({
  id: 'l2sp',
  short: 'L2-SP',
  load: () => import('./l2sp').then((m) => m.createL2sp),
  config: {
    /** α on the backbone's ‖θ−θ0‖², β on the head's ‖θ‖² */
    l2sp: z.strictObject({ enabled: z.boolean(), alpha: strength, beta: strength }),
  },
  defaults: { l2sp: { enabled: false, alpha: 0.01, beta: 0 } },
  params: [
    { path: 'l2sp.alpha', label: 'L2-SP α', format: 'number' },
    { path: 'l2sp.beta', label: 'L2-SP β', format: 'number' },
  ],
  actsOn: 'penalises pretrained weights for leaving θ0',
  stepTimeVsFt: { limit: 1.2 },
  matrix: [{ label: 'L2-SP', row: 3, kind: 'ft', modifiers: ['l2sp'], param: 'method.l2sp.alpha', grid: [1e-3, 1e-2, 1e-1], note: "α at FT's default lr" }],
});
