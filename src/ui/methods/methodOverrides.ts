/**
 * Training settings a method fixes whatever the form says (DAFT trains with SGD, momentum 0.9, on
 * a cosine schedule, as its paper and src/engine/methods/daft.ts do). The form shows the value the
 * run will really use, disabled, with the reason beside it.
 */
import type { MethodKind, RunConfig } from '../../engine/config/schema';

export interface FixedSetting<V> { value: V; reason: string }

export interface MethodOverrides {
  optimizer?: FixedSetting<RunConfig['optimizer']>;
  schedule?: FixedSetting<RunConfig['schedule']>;
}

export function methodOverrides(kind: MethodKind): MethodOverrides {
  if (kind === 'daft') {
    return {
      optimizer: { value: 'sgd', reason: 'DAFT always trains with SGD, momentum 0.9, no weight decay (as in the paper); this setting is not used' },
      schedule: { value: 'cosine', reason: 'DAFT decays head and backbone on one cosine schedule to 0' },
    };
  }
  return {};
}
