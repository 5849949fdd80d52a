/**
 * Every method, in the order the page lists them: base methods first, then the modifiers (the
 * toggles), each in its own spec file beside its implementation. The config schema, the defaults,
 * the compatibility rules, the implementation a run loads (registry.ts), run names, the config
 * diff, link migrations, the diagnostics panels and the results matrix are generated from these lists.
 */
import type { z } from 'zod';
import { daftSpec } from './daftSpec';
import { frozenKSpec } from './frozenKSpec';
import { ftSpec } from './ftSpec';
import { leviSpec } from './leviSpec';
import { lpftSpec } from './lpftSpec';
import { lpSpec } from './lpSpec';
import { ftlpSpec } from './modifiers/ftlpSpec';
import { l2spSpec } from './modifiers/l2spSpec';
import { spdSpec } from './modifiers/spdSpec';
import type { BaseMethodSpec, MethodSpec, ModifierSpec } from './spec';

export const BASE_METHOD_SPECS = [ftSpec, lpSpec, lpftSpec, frozenKSpec, daftSpec, leviSpec] as const;
export const MODIFIER_SPECS = [spdSpec, l2spSpec, ftlpSpec] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AnySpec = (typeof BASE_METHOD_SPECS)[number] | (typeof MODIFIER_SPECS)[number];

/** The zod fields of the config's `method` object that the methods add (kind aside). */
export type MethodFieldsShape = UnionToIntersection<AnySpec['config']> & z.ZodRawShape;

export type MethodKind = (typeof BASE_METHOD_SPECS)[number]['id'];
export type ModifierId = (typeof MODIFIER_SPECS)[number]['id'];

/** The specs as plain lists (a test may add one: see testing/testMethod.ts). */
export const baseSpecs = (): readonly BaseMethodSpec[] => BASE_METHOD_SPECS as readonly BaseMethodSpec[];
export const modifierSpecs = (): readonly ModifierSpec[] => MODIFIER_SPECS as readonly ModifierSpec[];
export const allSpecs = (): readonly MethodSpec[] => [...baseSpecs(), ...modifierSpecs()];

export function baseSpec(kind: string): BaseMethodSpec | undefined {
  return baseSpecs().find((s) => s.id === kind);
}

export function modifierSpec(id: string): ModifierSpec | undefined {
  return modifierSpecs().find((s) => s.id === id);
}
