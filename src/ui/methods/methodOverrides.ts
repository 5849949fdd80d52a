/**
 * Training settings a method fixes whatever the form says (its spec's `fixed`: e.g. SGD on one
 * cosine schedule). The form shows the value the run will really use, disabled,
 * with the reason beside it.
 */
import type { MethodKind } from '../../engine/config/schema';
import type { FixedSettings } from '../../engine/methods/spec';
import { baseSpec } from '../../engine/methods/specs';

export type MethodOverrides = FixedSettings;

export function methodOverrides(kind: MethodKind): MethodOverrides {
  return baseSpec(kind)?.fixed ?? {};
}
