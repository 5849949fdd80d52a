/**
 * Compare mode's plan: the chosen methods × seeds as run configs, everything else taken from the
 * current config. Seed s is the same seed for every method (same initial head, same batch order,
 * same shifted test images), so methods differ only in the method. Pure and unit-tested.
 */
import { METHOD_LR } from '../../engine/config/defaults';
import { MODIFIER_IDS, type MethodConfig, type RunConfig } from '../../engine/config/schema';
import { allowedCombinations, combinationLabel } from '../../engine/methods/allowedCombinations';
import type { ModelTraits } from '../../engine/methods/compatibility';

export const MAX_SEEDS = 5;

export interface QueuedRun {
  id: string;
  label: string;
  config: RunConfig;
}

/** How compare mode picks each method's learning rate. */
export type CompareLr = 'suggested' | 'same';

/** The base config's method settings with `combo`'s method kind and modifiers switched on or off. */
export function withCombination(base: MethodConfig, combo: MethodConfig): MethodConfig {
  const out: MethodConfig = structuredClone({ ...base, kind: combo.kind });
  for (const id of MODIFIER_IDS) out[id] = { ...out[id], enabled: combo[id].enabled } as never;
  return out;
}

/** The combinations compare mode offers for a model (compatibility rules applied), keyed by combinationLabel. */
export function compareChoices(model: ModelTraits, frozenBlocks: number): { key: string; method: MethodConfig }[] {
  return allowedCombinations(model, Math.min(frozenBlocks, model.blockCount)).map((method) => ({ key: combinationLabel(method), method }));
}

/**
 * One config per method and seed, seed-major (every method at the first seed, then the second…)
 * so a comparison stopped early still compares every method. Seeds are base.seed, base.seed + 1, …
 * With `lr: 'suggested'` a method other than the base's starts from its own suggested learning rate
 * (as picking it in the settings does); the base's method keeps the base's.
 */
export function compareConfigs(base: RunConfig, combos: readonly MethodConfig[], seeds: number, lr: CompareLr = 'suggested'): RunConfig[] {
  const n = Math.max(1, Math.min(MAX_SEEDS, Math.round(seeds)));
  const out: RunConfig[] = [];
  for (let s = 0; s < n; s++) {
    for (const combo of combos) {
      const method = withCombination(base.method, combo);
      out.push({
        ...structuredClone(base), method, seed: base.seed + s,
        lr: lr === 'same' || method.kind === base.method.kind ? base.lr : METHOD_LR[method.kind],
      });
    }
  }
  return out;
}

let counter = 0;

/** A fresh run id, unique within the page load and across page loads (time-based, plus a counter). */
export function newRunId(now = Date.now()): string {
  return `run-${now.toString(36)}-${(++counter).toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}
