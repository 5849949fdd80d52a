/**
 * "Train all in turn": every run of a scenario queued and shown side by side (compare mode). Settings
 * the user changed since picking the scenario (a smaller model, fewer steps) are kept: each run takes
 * only its method from the scenario. Used by the scenario panel and the presentation view's race.
 */
import type { RunConfig } from '../../engine/config/schema';
import { compareConfigs } from '../runs/queue';
import type { PlaygroundState } from '../store/state';
import { matchingRun } from './presetLink';
import { presetRunConfig, type Preset, type PresetSize } from './presets';

/** The configs "Train all in turn" queues, in order. */
export function runAllConfigs(preset: Preset, config: RunConfig, size: PresetSize): RunConfig[] {
  const base = matchingRun(preset, config, size) >= 0 ? presetRunConfig(preset, 0, size) : config;
  return compareConfigs(base, preset.runs.map((_, i) => presetRunConfig(preset, i, size).method), 1, preset.compareLr);
}

export function runAllOfPreset(preset: Preset, config: RunConfig, size: PresetSize, store: Pick<PlaygroundState, 'replaceConfig' | 'compare'>): void {
  if (matchingRun(preset, config, size) >= 0) store.replaceConfig(presetRunConfig(preset, 0, size));
  store.compare(preset.runs.map((_, i) => presetRunConfig(preset, i, size).method), 1, preset.compareLr);
}
