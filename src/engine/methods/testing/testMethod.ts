/**
 * A method that exists only in tests: a base method with one parameter and a modifier with one,
 * each a spec as a real method's spec file would write it. `registerTestMethods()` adds them to the
 * ordered lists (the one step a new method's spec file takes, in specs.ts); modules that read the
 * lists must be imported after it (dynamically), as they build their schema and tables on load.
 */
import { z } from 'zod';
import { fullFineTuning } from '../ft';
import { defineBaseMethod, defineModifier, strength, type MethodSpec } from '../spec';
import { BASE_METHOD_SPECS, MODIFIER_SPECS } from '../specs';

export const toySpec = defineBaseMethod({
  id: 'toy',
  short: 'Toy',
  // its implementation: FT's phases under its own name (a real method's file would be ../toy.ts)
  load: async () => () => ({ ...fullFineTuning, kind: 'toy' }),
  config: { toy: z.strictObject({ width: z.int().min(1, 'must be ≥ 1').max(16, 'must be ≤ 16') }) },
  defaults: { toy: { width: 4 } },
  // its default was 3 in links up to version 2
  params: [{ path: 'toy.width', label: 'toy width', format: 'number', oldDefault: { linkVersion: 2, value: 3 } }],
  lr: 5e-3,
  modelConflict: (model, modelId) => (model.hasBatchNorm ? null : `Toy needs BatchNorm; ${modelId} has none`),
  diagnostics: 'toy',
  matrix: [{ label: 'Toy', row: 10, kind: 'toy', modifiers: [], param: 'method.toy.width', grid: [2, 4, 8], note: 'toy width' }],
});

export const nudgeSpec = defineModifier({
  id: 'nudge',
  short: 'Nudge',
  // its implementation: leaves every phase as it is
  load: async () => () => ({ id: 'nudge', adjustPhase: (phase) => phase }),
  config: { nudge: z.strictObject({ enabled: z.boolean(), rate: strength }) },
  defaults: { nudge: { enabled: false, rate: 0.5 } },
  params: [{ path: 'nudge.rate', label: 'nudge rate', format: 'number' }],
  actsOn: 'nudges pretrained weights',
  conflictsWith: { toy: 'Nudge and Toy pull the same weights two ways' },
  matrix: [{ label: 'FT+Nudge', row: 11, kind: 'ft', modifiers: ['nudge'], param: 'method.nudge.rate', grid: [0.25, 0.5, 1], note: 'nudge rate at FT’s default lr' }],
});

/** Adds Toy and Nudge to the method lists of this test file's module graph. */
export function registerTestMethods(): void {
  (BASE_METHOD_SPECS as unknown as MethodSpec[]).push(toySpec as unknown as MethodSpec);
  (MODIFIER_SPECS as unknown as MethodSpec[]).push(nudgeSpec as unknown as MethodSpec);
}
