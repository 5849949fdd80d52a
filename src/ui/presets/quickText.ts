/**
 * The words a scenario says about its sizes, made from what was measured (scenarioData.json):
 * each run's mean ± std over the measured seeds, whether every effect held on every seed, and the
 * page's wall time of one Quick run. Pure, so the test can hold the text to the data.
 */
import type { Preset, QuickEffect } from './presets';
import { SCENARIO_DATA, type QuickMeasurement, type RunOutcome } from './scenarioData';

const METRIC_LABEL: Record<QuickEffect['metric'], string> = { idAcc: 'ID', oodMean: 'OOD mean' };

export function meanStd(xs: readonly number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
}

/** "41.2 ± 3.0 %" for accuracies given as fractions. */
export function pctMeanStd(xs: readonly number[]): string {
  const { mean, std } = meanStd(xs.map((x) => x * 100));
  return `${mean.toFixed(1)} ± ${std.toFixed(1)} %`;
}

export function seedRange(m: QuickMeasurement): string {
  const seeds = m.runs[0]?.outcomes.map((o) => o.seed) ?? [];
  return seeds.length > 1 ? `seeds ${Math.min(...seeds)}–${Math.max(...seeds)}` : `seed ${seeds[0]}`;
}

function outcomesOf(m: QuickMeasurement, label: string): RunOutcome[] {
  const run = m.runs.find((r) => r.label === label);
  if (!run) throw new Error(`scenarioData: no run ${label}`);
  return run.outcomes;
}

/** Whether `effect` held on every measured seed, and by how much on average. */
export function effectHolds(m: QuickMeasurement, effect: QuickEffect): { everySeed: boolean; gaps: number[] } {
  const hi = outcomesOf(m, effect.higher);
  const lo = outcomesOf(m, effect.lower);
  const gaps = hi.map((o) => o[effect.metric] - (lo.find((x) => x.seed === o.seed)?.[effect.metric] ?? Number.NaN));
  return { everySeed: gaps.length > 0 && gaps.every((g) => g > 0), gaps };
}

export function effectText(m: QuickMeasurement, effect: QuickEffect): string {
  const metric = METRIC_LABEL[effect.metric];
  return `${effect.higher}'s ${metric} ${pctMeanStd(outcomesOf(m, effect.higher).map((o) => o[effect.metric]))} vs ${effect.lower}'s ${pctMeanStd(outcomesOf(m, effect.lower).map((o) => o[effect.metric]))}`;
}

export function quickMeasurement(preset: Preset): QuickMeasurement | undefined {
  return SCENARIO_DATA.quick[preset.id];
}

/** The sentence under the Quick/Full toggle for the Quick size. */
export function quickSentence(preset: Preset): string {
  const m = quickMeasurement(preset);
  const head = `Quick: ${preset.quick.what}.`;
  if (!m) return `${head} Not measured yet: the effect at this size is not known.`;
  const checks = preset.quick.effects.map((e) => ({ e, held: effectHolds(m, e).everySeed }));
  const held = checks.filter((c) => c.held).map((c) => effectText(m, c.e));
  const missed = checks.filter((c) => !c.held).map((c) => `${c.e.higher} above ${c.e.lower} on ${METRIC_LABEL[c.e.metric]}`);
  const page = m.page
    ? ` One Quick run (${preset.runs[0].label}) took ${Math.round(m.page.seconds)} s from pressing Train to its end in this page (headless Chromium, ${m.page.backend}) on a 2-core machine without GPU, with other work running (1-minute load ${m.page.load.toFixed(1)}).`
    : '';
  return `${head} Measured here over ${seedRange(m)} at the end of training: ${held.length ? held.join('; ') : 'no effect on every seed'}${held.length ? ' — on every seed' : ''}.`
    + `${missed.length ? ` Not on every seed: ${missed.join('; ')}.` : ''}${page}`;
}

/** The sentence for the Full size. */
export function fullSentence(preset: Preset): string {
  const why = !quickMeasurement(preset) ? 'its Quick size is not measured yet' : 'its Quick size did not show the effect on every measured seed';
  return `Full: the settings the table below was measured with${preset.defaultSize === 'full' ? `. This scenario opens at Full: ${why}` : ''}.`;
}
