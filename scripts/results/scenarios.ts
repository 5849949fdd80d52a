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
import { benchmarkTrainImages } from '../../src/engine/data/targets';
import { methodConflict, modifierConflict, type ModelTraits } from '../../src/engine/methods/compatibility';
import { withDefaults } from '../../src/engine/config/validate';
import { pathKeys, readPath, withPath } from '../../src/engine/config/paths';
import type { MatrixEntry, ParamSpec } from '../../src/engine/methods/spec';
import { allSpecs } from '../../src/engine/methods/specs';

export interface Scenario {
  id: string;
  model: string;
  dataset: RunConfig['dataset'];
  description: string;
  /** settings of every run of the scenario that differ from the page's defaults */
  settings?: Partial<RunConfig>;
}

export const SCENARIOS: Scenario[] = [
  { id: 'mnist-resnet', model: 'resnet-broad', dataset: 'mnist', description: 'ResNet-S (BatchNorm) pretrained on the broad source, fine-tuned on MNIST' },
  { id: 'mnist-vit', model: 'vit-broad', dataset: 'mnist', description: 'Tiny ViT (LayerNorm, no BatchNorm) pretrained on the broad source, fine-tuned on MNIST' },
  {
    id: 'rmnist0-resnet', model: 'resnet-broad', dataset: 'rotated-mnist',
    description: 'ResNet-S fine-tuned on RotatedMNIST\'s rotated digits (15°–75°), the upright digits (0°) held out as the OOD domain: what fine-tuning gains on the new task and loses on the pretrained one',
    settings: { testDomain: 0, trainSize: benchmarkTrainImages('rotated-mnist', 0), shifts: [], duration: { unit: 'steps', value: 300 } },
  },
];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

/** The config field a grid varies: the learning rate, or a method's parameter ("method.l2sp.alpha"). */
export type GridParam = string;

/** How tables name a grid's parameter: "lr", or the parameter's label in its method's spec ("L2-SP α"). */
export const GRID_PARAM_LABEL: Readonly<Record<GridParam, string>> = Object.fromEntries([
  ['lr', 'lr'],
  ...allSpecs().flatMap((s) => s.params.map((p) => [`method.${p.path}`, p.label])),
]);

/** One method of the matrix (a base method with some modifiers) and its grid. */
export interface MethodSpec extends Omit<MatrixEntry, 'kind' | 'modifiers' | 'row'> {
  kind: MethodKind;
  modifiers: ModifierId[];
}

/**
 * The methods and their grids, from the method specs' matrix rows, in the tables' order. The
 * learning rate of a method whose grid is not over lr is the page's default for its kind
 * (METHOD_LR); a modifier's strength not gridded is its default.
 */
export const METHODS: MethodSpec[] = allSpecs()
  .flatMap((s) => s.matrix ?? [])
  .sort((a, b) => a.row - b.row)
  .map(({ row: _row, ...m }) => ({ ...m, kind: m.kind as MethodKind, modifiers: m.modifiers as ModifierId[] }));

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
    ...scenario.settings,
    ...(quick ? { ...QUICK_OVERRIDES, duration: { ...QUICK_OVERRIDES.duration } } : {}),
    model, dataset: scenario.dataset, seed, lr: METHOD_LR[spec.kind], method,
  };
  if (spec.param === 'lr') partial.lr = value;
  else partial.method = withPath(method, pathKeys(spec.param).slice(1), value);
  return withDefaults(partial) as RunConfig;
}

/** The value `spec`'s grid parameter has in `config`. */
export function gridValueOf(config: RunConfig, param: GridParam): number {
  const v = readPath(config, param);
  return typeof v === 'number' ? v : Number.NaN;
}

/** A grid value as people write it: 3e-3, 0.01, 1, 0.5. */
export function formatGridValue(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 0.01 && Math.abs(v) < 1000) return String(Number(v.toPrecision(6)));
  const [m, e] = v.toExponential().split('e');
  return `${Number(Number(m).toPrecision(6))}e${Number(e)}`;
}

/** A method parameter's value in report text, as its spec formats it: "×1000" for a learning-rate scale, else as a grid value. */
export function formatParamValue(p: Pick<ParamSpec, 'format'>, v: number): string {
  return p.format === 'times' ? `×${v}` : formatGridValue(v);
}
