/**
 * Training settings a method fixes whatever the form says (DAFT trains with SGD, momentum 0.9, on
 * a cosine schedule), from its spec. The form shows the value the run will really use, disabled,
 * with the reason beside it.
 */
import type { MethodKind } from '../../engine/config/schema';
import type { FixedSettings } from '../../engine/methods/spec';
import { baseSpec } from '../../engine/methods/specs';

export type MethodOverrides = FixedSettings;

export function methodOverrides(kind: MethodKind): MethodOverrides {
  return baseSpec(kind)?.fixed ?? {};
}
