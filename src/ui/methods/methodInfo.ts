/**
 * What the page says about each fine-tuning method and each optional modifier, and which of
 * their settings it shows. Adding one to the page is one entry here: the picker, the explanation,
 * the formula (TeX, rendered with KaTeX) and the parameter fields are drawn from this registry
 * (MethodPanel.tsx, ModifierList.tsx, RunMethodLabel.tsx). Formulas are METHODS.md's, in its
 * notation. Texts explain the mechanism; the measured line under each (`measured`) quotes docs/results.md.
 */
import type { MethodKind, ModifierId } from '../../engine/config/schema';
import type { MethodSpec } from '../../engine/methods/spec';
import { baseSpec, baseSpecs, modifierSpec, modifierSpecs } from '../../engine/methods/specs';
import type { MethodNumberPath } from './methodPaths';
import { METHOD_INFO, MODIFIER_INFO, type MethodInfo, type ModifierInfo, type TechniqueInfo } from './methodProse';

export * from './methodProse';

/** What the page shows for a method whose prose is not written yet: its spec's names and parameters. */
function fromSpec(spec: MethodSpec | undefined, id: string): TechniqueInfo {
  if (!spec) throw new Error(`no method ${id}`);
  return {
    label: spec.short, short: spec.short, explanation: '', formula: [], symbols: '', references: [],
    params: spec.params.map((p) => ({ path: p.path as MethodNumberPath, label: p.label, help: '', integer: false })),
  };
}

/** The page's text for a method kind (its prose, or what its spec says). */
export function methodInfo(kind: MethodKind): MethodInfo {
  const spec = baseSpec(kind);
  return (METHOD_INFO as Partial<Record<string, MethodInfo>>)[kind] ?? { ...fromSpec(spec, kind), kind };
}

/** The page's text for a modifier (its prose, or what its spec says). */
export function modifierInfo(id: ModifierId): ModifierInfo {
  const spec = modifierSpec(id);
  return (MODIFIER_INFO as Partial<Record<string, ModifierInfo>>)[id] ?? { ...fromSpec(spec, id), id };
}

/** Picker order: the order of the method specs (methods/specs.ts). */
export const METHOD_LIST: MethodInfo[] = baseSpecs().map((s) => methodInfo(s.id as MethodKind));
export const MODIFIER_LIST: ModifierInfo[] = modifierSpecs().map((s) => modifierInfo(s.id as ModifierId));
