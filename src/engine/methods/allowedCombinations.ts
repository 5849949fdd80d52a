/** Every meaningful method × modifier combination (for tests, the bench and the page's compare mode). */
import { DEFAULT_CONFIG } from '../config/defaults';
import { METHOD_KINDS, MODIFIER_IDS, type MethodConfig, type ModifierId } from '../config/schema';
import { methodConflict, modifierConflict, type ModelTraits } from './compatibility';
import { baseSpec } from './specs';

export function allowedCombinations(model: ModelTraits, frozenBlocks = 2): MethodConfig[] {
  const out: MethodConfig[] = [];
  for (const kind of METHOD_KINDS) {
    if (methodConflict(kind, model, '')) continue;
    for (let mask = 0; mask < 1 << MODIFIER_IDS.length; mask++) {
      const on = MODIFIER_IDS.filter((_, i) => mask & (1 << i));
      if (on.some((m) => modifierConflict(m, kind, model, frozenBlocks))) continue;
      const method: MethodConfig = structuredClone({ ...DEFAULT_CONFIG.method, kind, frozenBlocks });
      for (const m of on) (method[m] as { enabled: boolean }).enabled = true;
      out.push(method);
    }
  }
  return out;
}

/** "<kind>+<modifier>+…" (Frozen-k as "frozen-2"): the base method's id (or its combination name) and each enabled modifier. */
export function combinationLabel(m: MethodConfig): string {
  const mods = (MODIFIER_IDS as readonly ModifierId[]).filter((id) => m[id].enabled);
  const base = baseSpec(m.kind);
  return [base?.comboName?.(m) ?? m.kind, ...mods].join('+');
}
