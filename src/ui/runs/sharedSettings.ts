/**
 * What every compared run has in common, in plain words, and which settings set them apart: the
 * line above the results table, so a reader knows the conditions without opening each run. Pure
 * and unit-tested.
 */
import type { RunConfig } from '../../engine/config/schema';
import { targetLabel } from '../../engine/data/targets';
import { SHIFTS } from '../../engine/shifts/registry';
import { formatCount, formatLearningRate } from '../format/format';
import { baseSpec } from '../../engine/methods/specs';
import { runMethodName } from '../methods/runMethodName';

const num = (v: number) => String(Number(v.toPrecision(4)));

/** Every setting of a run (but the seed) as [name, text], in reading order. */
export function settingTexts(c: RunConfig): [name: string, text: string][] {
  const shifts = c.shifts.map((s) => SHIFTS[s as keyof typeof SHIFTS]?.label ?? s).join(', ');
  // a method that fixes the optimizer uses its own, whatever the form said (its spec's `fixed`)
  const base = baseSpec(c.method.kind);
  const fixedOptimizer = base?.fixed?.optimizer?.value;
  const optimizer = (o: string) => (o === 'sgd' ? 'SGD' : 'Adam');
  const steps = c.duration.unit === 'steps' ? `${num(c.duration.value)} step${c.duration.value === 1 ? '' : 's'}` : `${num(c.duration.value)} epoch${c.duration.value === 1 ? '' : 's'}`;
  return [
    ['method', runMethodName(c.method)],
    ['model', `model ${c.model}`],
    ['target', targetLabel(c.dataset)],
    ['classes', `classes ${c.targetClasses}`],
    ['label noise', `${num(c.labelNoise * 100)} % label noise`],
    ['training images', `${formatCount(c.trainSize)} training images`],
    ['batch', `batch ${c.batchSize}`],
    ['duration', steps],
    ['optimizer', fixedOptimizer ? `${optimizer(fixedOptimizer)} (${base!.short})` : optimizer(c.optimizer)],
    ['learning rate', `lr ${formatLearningRate(c.lr)}`],
    ['schedule', `${c.schedule} schedule`],
    ['shifts', `shifts ${shifts || 'none'} at severity ${c.severity}`],
    ['evaluation', `eval every ${c.evalEvery} steps on ${formatCount(c.evalSize)} images, ${formatCount(c.probeSize)} probe images`],
  ];
}

export interface SharedSettings {
  /** texts every config has */
  shared: string[];
  /** names of the settings that differ between configs */
  differ: string[];
  /** "seed 0", "seeds 0, 1, 2" (every seed any run used) */
  seeds: string;
}

export function sharedSettings(configs: readonly RunConfig[]): SharedSettings {
  if (configs.length === 0) return { shared: [], differ: [], seeds: '' };
  const all = configs.map(settingTexts);
  const shared: string[] = [];
  const differ: string[] = [];
  all[0].forEach(([name, text], i) => {
    if (all.every((t) => t[i][1] === text)) shared.push(text); else differ.push(name);
  });
  const seeds = [...new Set(configs.map((c) => c.seed))].sort((a, b) => a - b);
  return { shared, differ, seeds: `${seeds.length === 1 ? 'seed' : 'seeds'} ${seeds.join(', ')}` };
}
