/** Presets as links and the matching of a config to a preset's runs. */
import type { RunConfig } from '../../engine/config/schema';
import { buildSearch, configFingerprint, type ViewOptions } from '../url/urlState';
import { presetRunConfig, type Preset } from './presets';

/** A preset link: the run's URL state plus `preset=<id>`. */
export function presetSearch(preset: Preset, run = 0, view: Omit<ViewOptions, 'preset'> = { lock: false, hide: [] }): string {
  return buildSearch(presetRunConfig(preset, run), { ...view, preset: preset.id });
}

/** Which of the preset's runs `config` is (-1: none, the settings were changed since). */
export function matchingRun(preset: Preset, config: RunConfig): number {
  const current = configFingerprint(config);
  return preset.runs.findIndex((_, i) => configFingerprint(presetRunConfig(preset, i)) === current);
}
