/**
 * What sets one run's config apart from a base config, in plain words ("LP-FT · LP lr 0.01 · seed 1").
 * Only fields that differ, and only settings the run's method actually uses (an LP-FT learning
 * rate on an FT run is not a difference anyone could see). Pure: the compare table and run labels
 * read it, and it is unit-tested.
 */
import { targetLabel } from '../../engine/data/targets';
import { readPath } from '../../engine/config/paths';
import type { MethodConfig, RunConfig } from '../../engine/config/schema';
import type { ParamSpec } from '../../engine/methods/spec';
import { baseSpec, modifierSpecs } from '../../engine/methods/specs';
import { SHIFTS } from '../../engine/shifts/registry';
import { formatCount, formatLearningRate } from '../format/format';
import { runMethodName } from '../methods/runMethodName';

/** A number as a label shows it: learning rates in e-notation, others with at most 4 significant digits. */
function num(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** A setting's value as run labels write it. */
function paramText(p: ParamSpec, v: unknown): string {
  if (typeof v !== 'number') return `${p.label} ${String(v)}`;
  const text = { count: formatCount, lr: formatLearningRate, number: num, times: (x: number) => `×${num(x)}` }[p.format](v);
  return `${p.label} ${text}`;
}

/** The settings this method uses: its base method's, then each enabled modifier's (from their specs). */
function activeParams(m: MethodConfig): ParamSpec[] {
  const on = modifierSpecs().filter((s) => (readPath(m, [s.id, 'enabled']) === true));
  return [...(baseSpec(m.kind)?.params ?? []), ...on.flatMap((s) => s.params)];
}

function shiftsText(shifts: readonly string[]): string {
  if (shifts.length > 3) return `${shifts.length} shifts`;
  return `shifts ${shifts.map((s) => SHIFTS[s as keyof typeof SHIFTS]?.label ?? s).join(', ')}`;
}

function durationText(d: RunConfig['duration']): string {
  return `${num(d.value)} ${d.unit === 'steps' ? (d.value === 1 ? 'step' : 'steps') : d.value === 1 ? 'epoch' : 'epochs'}`;
}

/**
 * The parts of `config` that differ from `base`, in reading order: method first, then the method's
 * settings, then data, training and evaluation settings, seed last.
 */
export function configDiffParts(base: RunConfig, config: RunConfig): string[] {
  const parts: string[] = [];
  const name = runMethodName(config.method);
  if (name !== runMethodName(base.method)) parts.push(name);
  // the settings this run's method uses, where their value differs from the base's (whether or not the base's method uses them)
  for (const p of activeParams(config.method)) {
    const text = paramText(p, readPath(config.method, p.path));
    if (text !== paramText(p, readPath(base.method, p.path))) parts.push(text);
  }
  // a setting the method fixes (its spec's `fixed`: an optimizer, a schedule) is not a difference the run has
  const fixed = baseSpec(config.method.kind)?.fixed ?? {};
  if (config.model !== base.model) parts.push(`model ${config.model}`);
  if (config.dataset !== base.dataset) parts.push(targetLabel(config.dataset));
  if (config.testDomain !== base.testDomain) parts.push(`test domain ${config.testDomain}`);
  if (config.targetClasses !== base.targetClasses) parts.push(`classes ${config.targetClasses}`);
  if (config.labelNoise !== base.labelNoise) parts.push(`${num(config.labelNoise * 100)} % label noise`);
  if (config.trainSize !== base.trainSize) parts.push(`${formatCount(config.trainSize)} train images`);
  if (config.shifts.join() !== base.shifts.join()) parts.push(shiftsText(config.shifts));
  if (config.severity !== base.severity) parts.push(`severity ${config.severity}`);
  if (config.optimizer !== base.optimizer && !fixed.optimizer) parts.push(config.optimizer === 'sgd' ? 'SGD' : 'Adam');
  if (config.lr !== base.lr) parts.push(`lr ${formatLearningRate(config.lr)}`);
  if (config.schedule !== base.schedule && !fixed.schedule) parts.push(`${config.schedule} schedule`);
  if (config.batchSize !== base.batchSize) parts.push(`batch ${config.batchSize}`);
  if (config.duration.unit !== base.duration.unit || config.duration.value !== base.duration.value) parts.push(durationText(config.duration));
  if (config.evalEvery !== base.evalEvery) parts.push(`eval every ${config.evalEvery} steps`);
  if (config.evalSize !== base.evalSize) parts.push(`${formatCount(config.evalSize)} eval images`);
  if (config.probeSize !== base.probeSize) parts.push(`${formatCount(config.probeSize)} probe images`);
  if (config.seed !== base.seed) parts.push(`seed ${config.seed}`);
  return parts;
}

/** "LP-FT · LP lr 0.01"; '' when nothing differs. */
export function configDiffLabel(base: RunConfig, config: RunConfig): string {
  return configDiffParts(base, config).join(' · ');
}

/**
 * A row label that is never empty: what differs from the base, else the method's name with `same`
 * saying what the base is ("current settings"; nothing when the base is simply the first row).
 */
export function groupLabel(base: RunConfig, config: RunConfig, same: string | null = 'current settings'): string {
  const diff = configDiffParts(base, { ...config, seed: base.seed });
  const name = runMethodName(config.method);
  if (diff.length === 0) return same ? `${name} (${same})` : name;
  // without a "current settings" row to read against, every row names its method
  return !same && diff[0] !== name ? [name, ...diff].join(' · ') : diff.join(' · ');
}

/** A run's default name: its method, what else differs from the base, and its seed. */
export function runLabel(base: RunConfig, config: RunConfig): string {
  const diff = configDiffParts(base, { ...config, seed: base.seed });
  const name = runMethodName(config.method);
  const parts = diff[0] === name ? diff : [name, ...diff];
  return [...parts, `seed ${config.seed}`].join(' · ');
}
