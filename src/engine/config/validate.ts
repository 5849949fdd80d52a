/**
 * Validation with messages that name the field ("lr: must be > 0"), and completion of a partial
 * config with the defaults. Cross-field rules (the model exists, k ≤ its blocks) are checked here
 * too so the page, the worker and the runner refuse the same things with the same words.
 */
import { DATASETS } from '../data/catalog';
import { BENCHMARKS, benchmarkTrainImages, isBenchmark } from '../data/targets';
import { SUBSET_TRAIN_IMAGES } from '../data/classSubset';
import { isUserTarget, type UserDatasetFacts } from '../data/user/userDataset';
import { methodConflict, modifierConflict, type ModelTraits } from '../methods/compatibility';
import { DEFAULT_CONFIG } from './defaults';
import { readPath } from './paths';
import { MODIFIER_IDS, runConfigSchema, type RunConfig } from './schema';

export interface FieldError {
  /** dotted path, e.g. "method.frozenBlocks" */
  field: string;
  message: string;
}

export type ValidationResult = { ok: true; config: RunConfig } | { ok: false; errors: FieldError[] };

/** What validation needs to know about the models it can run. */
export type ModelFacts = ModelTraits;
export type ModelLookup = (id: string) => ModelFacts | undefined;
/** The user's own datasets known here (the page's IndexedDB, the datasets a worker was sent). */
export type DatasetLookup = (id: string) => UserDatasetFacts | undefined;

function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return typeof value;
}

const valueAt = readPath;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v != null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep-merges `partial` over the defaults (objects merge, everything else replaces). */
export function withDefaults(partial: unknown, defaults: RunConfig = DEFAULT_CONFIG): unknown {
  const merge = (base: unknown, over: unknown): unknown => {
    if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
    return out;
  };
  return merge(defaults, partial);
}

export function validateConfig(input: unknown, models: ModelLookup, datasets: DatasetLookup = () => undefined): ValidationResult {
  const parsed = runConfigSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const field = issue.path.map(String).join('.') || '(config)';
        const got = issue.code === 'unrecognized_keys' ? '' : ` (got ${describe(valueAt(input, issue.path))})`;
        return { field, message: `${field}: ${issue.message}${got}` };
      }),
    };
  }
  const config = parsed.data;
  const errors: FieldError[] = [];
  const model = models(config.model);
  if (!model) {
    errors.push({ field: 'model', message: `model: unknown model ${describe(config.model)}` });
  } else {
    const m = config.method;
    if (m.kind === 'frozen-k' && m.frozenBlocks > model.blockCount) {
      errors.push({
        field: 'method.frozenBlocks',
        message: `method.frozenBlocks: ${config.model} has ${model.blockCount} blocks, cannot freeze ${m.frozenBlocks}`,
      });
    }
    const kindConflict = methodConflict(m.kind, model, config.model);
    if (kindConflict) errors.push({ field: 'method.kind', message: `method.kind: ${kindConflict}` });
    for (const mod of MODIFIER_IDS) {
      if (!m[mod].enabled) continue;
      const conflict = modifierConflict(mod, m.kind, model, m.frozenBlocks);
      if (conflict) errors.push({ field: `method.${mod}.enabled`, message: `method.${mod}.enabled: ${conflict}` });
    }
  }
  if (new Set(config.shifts).size !== config.shifts.length) {
    errors.push({ field: 'shifts', message: 'shifts: each shift may be picked once' });
  }
  const { dataset } = config;
  if (isUserTarget(dataset)) {
    const facts = datasets(dataset);
    if (!facts) {
      errors.push({ field: 'dataset', message: `dataset: ${describe(dataset)} is a dataset of your own images that is not in this browser (it lives only in the browser that made it)` });
    } else if (facts.problems?.length) {
      errors.push({ field: 'dataset', message: `dataset: ${facts.name} cannot be trained on yet: ${facts.problems.join('; ')}` });
    } else {
      if (config.targetClasses !== 'all') errors.push({ field: 'targetClasses', message: `targetClasses: ${facts.name} uses all its classes` });
      if (config.trainSize > facts.trainImages) {
        errors.push({ field: 'trainSize', message: `trainSize: ${facts.name} has ${facts.trainImages} training images (its training collection less the held-out quarter)` });
      }
      if (config.shifts.length === 0 && facts.oodCollections.length === 0) {
        errors.push({ field: 'shifts', message: 'shifts: pick at least one shift, or mark a collection of your images as an OOD domain' });
      }
    }
  } else if (isBenchmark(dataset)) {
    const available = benchmarkTrainImages(dataset, config.testDomain);
    if (config.targetClasses !== 'all') errors.push({ field: 'targetClasses', message: `targetClasses: ${BENCHMARKS[dataset].label} uses all its classes` });
    if (config.trainSize > available) {
      errors.push({ field: 'trainSize', message: `trainSize: ${dataset} has ${available} training images with domain ${config.testDomain} held out` });
    }
  } else {
    const available = config.targetClasses === 'all'
      ? DATASETS[dataset].splitSizes.train
      : SUBSET_TRAIN_IMAGES[dataset][config.targetClasses];
    if (typeof available === 'number' && config.trainSize > available) {
      const which = config.targetClasses === 'all' ? dataset : `${dataset} classes ${config.targetClasses}`;
      errors.push({ field: 'trainSize', message: `trainSize: ${which} has ${available} training images` });
    }
  }
  if (config.batchSize > config.trainSize) {
    errors.push({ field: 'batchSize', message: `batchSize: larger than the training set (${config.trainSize})` });
  }
  return errors.length ? { ok: false, errors } : { ok: true, config };
}

/** Total optimisation steps of the main (fine-tuning) phase. Partial batches are dropped (fixed shapes). */
export function stepsOf(config: RunConfig): number {
  const perEpoch = Math.max(1, Math.floor(config.trainSize / config.batchSize));
  return config.duration.unit === 'steps'
    ? Math.max(1, Math.round(config.duration.value))
    : Math.max(1, Math.round(config.duration.value * perEpoch));
}
