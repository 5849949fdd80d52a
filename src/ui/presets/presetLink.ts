/** Presets as links and the matching of a config to a preset's runs. */
import type { RunConfig } from '../../engine/config/schema';
import { buildSearch, configFingerprint, type ViewOptions } from '../url/urlState';
import { presetRunConfig, PRESET_SIZES, type Preset, type PresetSize } from './presets';

/** A preset link: the run's URL state plus `preset=<id>&size=<size>`. */
export function presetSearch(preset: Preset, run: number, size: PresetSize, view: Omit<ViewOptions, 'preset' | 'size'> = { lock: false, hide: [] }): string {
  return buildSearch(presetRunConfig(preset, run, size), { ...view, preset: preset.id, size });
}

/** Which of the preset's runs at `size` `config` is (-1: none, the settings were changed since). */
export function matchingRun(preset: Preset, config: RunConfig, size: PresetSize): number {
  const current = configFingerprint(config);
  return preset.runs.findIndex((_, i) => configFingerprint(presetRunConfig(preset, i, size)) === current);
}

/**
 * The size a scenario link opens at: the link's `size=`; for a link from before sizes, the size
 * whose run its settings are (an old link with the full settings stays Full), else the scenario's default.
 */
export function linkSize(preset: Preset, config: RunConfig, size: PresetSize | undefined): PresetSize {
  if (size) return size;
  return PRESET_SIZES.find((s) => matchingRun(preset, config, s) >= 0) ?? preset.defaultSize;
}
