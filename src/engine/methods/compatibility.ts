/**
 * Which methods and toggles combine, and why not when they do not. The rules live in the method
 * specs (each with its reason); validation, the page and the results runner all ask here, so they
 * refuse the same things with the same words.
 */
import type { MethodKind, ModifierId } from '../config/schema';
import type { ModelTraits } from './spec';
import { baseSpec, modifierSpec } from './specs';

export type { ModelTraits } from './spec';

/** Why `kind` cannot run on this model, or null. */
export function methodConflict(kind: MethodKind, model: ModelTraits, modelId: string): string | null {
  return baseSpec(kind)?.modelConflict?.(model, modelId) ?? null;
}

/** Why modifier `mod` cannot be combined with `kind` (k frozen blocks for Frozen-k), or null. */
export function modifierConflict(mod: ModifierId, kind: MethodKind, model: ModelTraits, frozenBlocks: number): string | null {
  const m = modifierSpec(mod);
  const base = baseSpec(kind);
  if (!m || !base) return null;
  const pair = m.conflictsWith?.[kind] ?? base.refusesModifiers?.[mod];
  if (pair) return pair;
  const idle = base.trainsNoPretrained?.(model, { kind, frozenBlocks });
  return idle ? `${m.short} ${m.actsOn}; ${idle}, so ${m.short} would change nothing` : null;
}

/** Why WiSE-FT's weight interpolation does not apply after a run of `kind`, or null. */
export function wiseFtConflict(kind: MethodKind): string | null {
  return baseSpec(kind)?.wiseFtConflict ?? null;
}
