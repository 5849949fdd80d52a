/** The name of a run's method as the run view shows it: base method, then each enabled modifier. */
import type { MethodConfig } from '../../engine/config/schema';
import { baseSpecs, modifierSpecs } from '../../engine/methods/specs';
import { METHOD_INFO, MODIFIER_INFO, type TechniqueInfo } from './methodInfo';

export interface RunMethodPart {
  /** "LP-FT", "Frozen-2", "L2-SP" */
  name: string;
  /** full label, for a tooltip */
  label: string;
  reconstruction: boolean;
}

/** The page's prose for a method is optional: without it, the spec's short name stands in. */
const proseOf = (id: string): TechniqueInfo | undefined =>
  (METHOD_INFO as Record<string, TechniqueInfo>)[id] ?? (MODIFIER_INFO as Record<string, TechniqueInfo>)[id];

export function runMethodParts(method: MethodConfig): RunMethodPart[] {
  const base = baseSpecs().find((s) => s.id === method.kind);
  const mods = modifierSpecs().filter((s) => (method as Record<string, unknown> as Record<string, { enabled?: boolean } | undefined>)[s.id]?.enabled);
  return [
    ...(base ? [{ spec: base, name: base.runName?.(method) ?? base.short }] : []),
    ...mods.map((spec) => ({ spec, name: spec.short })),
  ].map(({ spec, name }) => {
    const prose = proseOf(spec.id);
    return { name, label: prose?.label ?? spec.short, reconstruction: !!prose?.reconstruction };
  });
}

/** "Frozen-2 + L2-SP + FT-LP" */
export function runMethodName(method: MethodConfig): string {
  return runMethodParts(method).map((p) => p.name).join(' + ');
}
