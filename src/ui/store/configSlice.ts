/** The config being edited, validated on every change against the shipped and the user's models and datasets. */
import { mergeOneLevel } from '../../engine/config/paths';
import type { RunConfig } from '../../engine/config/schema';
import { validateConfig, type DatasetLookup, type ModelLookup, type ValidationResult } from '../../engine/config/validate';
import type { StoreKit } from './kit';

export type ConfigPatch = { [K in keyof RunConfig]?: RunConfig[K] extends object ? RunConfig[K] extends unknown[] ? RunConfig[K] : Partial<RunConfig[K]> : RunConfig[K] };

export interface ConfigSlice {
  config: RunConfig;
  validation: ValidationResult;
  /** merges one level deep: `{ method: { kind: 'lp' } }` keeps the other method settings */
  setConfig(patch: ConfigPatch): void;
  replaceConfig(config: RunConfig): void;
}

export function createConfigSlice(kit: StoreKit, initial: RunConfig, lookup: ModelLookup, datasets: DatasetLookup = () => undefined): ConfigSlice {
  return {
    config: initial,
    validation: validateConfig(initial, lookup, datasets),
    setConfig(patch) {
      kit.get().replaceConfig(mergeOneLevel(kit.get().config, patch));
    },
    replaceConfig(config) {
      kit.set({ config, validation: validateConfig(config, lookup, datasets) });
    },
  };
}
