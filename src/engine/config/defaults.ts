import { allSpecs, baseSpecs } from '../methods/specs';
import { CONFIG_SCHEMA_VERSION, type MethodConfig, type MethodKind, type RunConfig } from './schema';

export const DEFAULT_MODEL_ID = 'resnet-broad';

export const DEFAULT_CONFIG: RunConfig = {
  schemaVersion: CONFIG_SCHEMA_VERSION,
  model: DEFAULT_MODEL_ID,
  dataset: 'mnist',
  testDomain: 0,
  trainSize: 2000,
  targetClasses: 'all',
  labelNoise: 0,
  shifts: ['rotation', 'gaussian-noise', 'coloured-background', 'fog'],
  severity: 3,
  // kind, then each method's defaults from its spec (methods/specs.ts)
  method: Object.assign({ kind: 'ft' }, ...allSpecs().map((s) => s.defaults)) as MethodConfig,
  optimizer: 'adam',
  lr: 2e-3,
  schedule: 'cosine',
  batchSize: 32,
  duration: { unit: 'epochs', value: 6 },
  seed: 0,
  evalEvery: 50,
  evalSize: 500,
  probeSize: 200,
  evalTrain: false,
};

/** The learning rate each method starts from in the page when it is picked (the user may change it). */
export const METHOD_LR = Object.fromEntries(baseSpecs().map((s) => [s.id, s.lr])) as Record<MethodKind, number>;
