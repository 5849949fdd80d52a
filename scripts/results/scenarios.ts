/**
 * The experiment matrix: scenarios (model × dataset), the methods compared, and each method's
 * small hyper-parameter grid. Everything not named here comes from the page's defaults
 * (DEFAULT_CONFIG, METHOD_LR), so the matrix measures what the playground runs.
 *
 * Protocol (run.ts): every grid point of a method on seed 0; the point with the best ID
 * validation accuracy at the last evaluation wins (ties → the smaller value; OOD accuracy is
 * never looked at); then seeds 1…n−1 of that point (seed 0 is reused).
 */
import { DEFAULT_CONFIG, METHOD_LR } from '../../src/engine/config/defaults';
import { MODIFIER_IDS, type MethodConfig, type MethodKind, type ModifierId, type RunConfig } from '../../src/engine/config/schema';
import type { DatasetId } from '../../src/engine/data/catalog';
import { methodConflict, modifierConflict, type ModelTraits } from '../../src/engine/methods/compatibility';
import { withDefaults } from '../../src/engine/config/validate';

export interface Scenario {
  id: string;
  model: string;
  dataset: DatasetId;
  description: string;
}

export const SCENARIOS: Scenario[] = [
  { id: 'mnist-resnet', model: 'resnet-broad', dataset: 'mnist', description: 'ResNet-S (BatchNorm) pretrained on the broad source, fine-tuned on MNIST' },
  { id: 'mnist-vit', model: 'vit-broad', dataset: 'mnist', description: 'Tiny ViT (LayerNorm, no BatchNorm) pretrained on the broad source, fine-tuned on MNIST' },
];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** The config field a grid varies: the learning rate, or one modifier's strength. */
export type GridParam = 'lr' | 'method.l2sp.alpha' | 'method.spd.lambda' | 'method.ftlp.lambda';

export const GRID_PARAM_LABEL: Record<GridParam, string> = {
  lr: 'lr',
  'method.l2sp.alpha': 'L2-SP α',
  'method.spd.lambda': 'SPD λ',
  'method.ftlp.lambda': 'FT-LP λ',
};

export interface MethodSpec {
  /** the name in tables ("LP-FT", "DAFT+SPD") */
  label: string;
  kind: MethodKind;
  modifiers: ModifierId[];
  param: GridParam;
  /** ascending; the same number of points for every method */
  grid: number[];
  /** what the grid varies and what stays at its default, in words */
  note: string;
}

/**
 * The methods and their grids. The learning rate of a method whose grid is not over lr is the
 * page's default for its kind (METHOD_LR); a modifier's strength not gridded is its default.
 */
export const METHODS: MethodSpec[] = [
  { label: 'LP', kind: 'lp', modifiers: [], param: 'lr', grid: [3e-3, 1e-2, 3e-2], note: 'head learning rate' },
  { label: 'FT', kind: 'ft', modifiers: [], param: 'lr', grid: [1e-3, 2e-3, 4e-3], note: 'learning rate (Adam)' },
  { label: 'LP-FT', kind: 'lp-ft', modifiers: [], param: 'lr', grid: [3e-5, 1e-4, 3e-4], note: 'FT-stage learning rate; LP stage at its defaults' },
  { label: 'L2-SP', kind: 'ft', modifiers: ['l2sp'], param: 'method.l2sp.alpha', grid: [1e-3, 1e-2, 1e-1], note: "α at FT's default lr" },
  { label: 'DAFT', kind: 'daft', modifiers: [], param: 'lr', grid: [3e-5, 1e-4, 3e-4], note: 'backbone learning rate (SGD); head lr × the default headLrScale (1000)' },
  { label: 'SPD', kind: 'ft', modifiers: ['spd'], param: 'method.spd.lambda', grid: [0.5, 1, 2], note: "λ at FT's default lr" },
  { label: 'FT-LP', kind: 'ft', modifiers: ['ftlp'], param: 'method.ftlp.lambda', grid: [0.01, 0.1, 1], note: "λ at FT's default lr" },
  { label: 'LEVI', kind: 'levi', modifiers: [], param: 'lr', grid: [1e-3, 2e-3, 4e-3], note: 'learning rate of the task model and adapters' },
  { label: 'DAFT+SPD', kind: 'daft', modifiers: ['spd'], param: 'method.spd.lambda', grid: [0.5, 1, 2], note: "SPD λ; DAFT at its default lr" },
  { label: 'FT-LP+SPD', kind: 'ft', modifiers: ['ftlp', 'spd'], param: 'method.spd.lambda', grid: [0.5, 1, 2], note: "SPD λ; FT-LP λ and lr at their defaults" },
];

/** The reference every paired comparison is made against. */
export const REFERENCE_METHOD = 'FT';

export function methodByLabel(label: string): MethodSpec | undefined {
  return METHODS.find((m) => m.label === label);
}

/** The label of a method config, as METHODS names it (undefined for a combination not in the matrix). */
export function labelOf(method: Pick<MethodConfig, 'kind'> & Record<ModifierId, { enabled: boolean }>): string | undefined {
  const on = MODIFIER_IDS.filter((m) => method[m].enabled);
  const spec = METHODS.find((s) => s.kind === method.kind && s.modifiers.length === on.length && s.modifiers.every((m) => on.includes(m)));
  return spec?.label;
}

/** Why `spec` cannot run on a model with these traits (compatibility rules of the page), or null. */
export function methodSkipReason(spec: MethodSpec, traits: ModelTraits, modelId: string): string | null {
  const kind = methodConflict(spec.kind, traits, modelId);
  if (kind) return kind;
  for (const mod of spec.modifiers) {
    const c = modifierConflict(mod, spec.kind, traits, DEFAULT_CONFIG.method.frozenBlocks);
    if (c) return c;
  }
  return null;
}

/** Settings that shrink every run for development (`--quick`): tiny data, 20 steps. */
export const QUICK_OVERRIDES = {
  trainSize: 128,
  duration: { unit: 'steps', value: 20 },
  evalSize: 64,
  evalEvery: 10,
  probeSize: 64,
  method: { lpSteps: 20 },
} as const;
export const QUICK_SEEDS = 2;
export const QUICK_METHODS = ['FT', 'LP-FT'];
export const DEFAULT_SEEDS = 5;

/**
 * The partial config of one run: scenario, method, grid value and seed over the defaults
 * (and the quick overrides). Complete it with the defaults and validate it (parseConfig).
 */
export function runConfigFor(scenario: Scenario, spec: MethodSpec, value: number, seed: number, quick = false, model = scenario.model): RunConfig {
  const method: Record<string, unknown> = { kind: spec.kind };
  for (const mod of spec.modifiers) method[mod] = { enabled: true };
  if (quick) Object.assign(method, QUICK_OVERRIDES.method);
  const partial: Record<string, unknown> = {
    ...(quick ? { ...QUICK_OVERRIDES, duration: { ...QUICK_OVERRIDES.duration } } : {}),
    model, dataset: scenario.dataset, seed, lr: METHOD_LR[spec.kind], method,
  };
  if (spec.param === 'lr') partial.lr = value;
  else {
    const field = spec.param.split('.')[1] as 'l2sp' | 'spd' | 'ftlp';
    const key = spec.param.split('.')[2];
    method[field] = { ...(method[field] as object), [key]: value };
  }
  return withDefaults(partial) as RunConfig;
}

/** The value `spec`'s grid parameter has in `config`. */
export function gridValueOf(config: RunConfig, param: GridParam): number {
  if (param === 'lr') return config.lr;
  const [, field, key] = param.split('.') as [string, 'l2sp' | 'spd' | 'ftlp', string];
  return (config.method[field] as unknown as Record<string, number>)[key];
}

/** A grid value as people write it: 3e-3, 0.01, 1, 0.5. */
export function formatGridValue(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 0.01 && Math.abs(v) < 1000) return String(Number(v.toPrecision(6)));
  const [m, e] = v.toExponential().split('e');
  return `${Number(Number(m).toPrecision(6))}e${Number(e)}`;
}
