/**
 * The run configuration: one schema for the page, the URL, the worker and the headless runner.
 * Every field has a default (defaults.ts) so a partial config (a URL, a JSON file) is completed,
 * and every value is bounded so a typo is refused with the field named (validate.ts).
 */
import { z } from 'zod';
import { BENCHMARKS, isBenchmark, TARGET_IDS } from '../data/targets';
import { isUserTarget } from '../data/user/userDataset';
import { SHIFT_IDS } from '../shifts/types';
import { learningRate } from '../methods/spec';
import { allSpecs, BASE_METHOD_SPECS, MODIFIER_SPECS, type MethodFieldsShape, type MethodKind, type ModifierId } from '../methods/specs';

export const CONFIG_SCHEMA_VERSION = 1;

/** The base methods (one per run) and the toggles on top of them, from the method specs (methods/specs.ts). */
export const METHOD_KINDS = BASE_METHOD_SPECS.map((s) => s.id) as unknown as readonly [MethodKind, ...MethodKind[]];
export type { MethodKind, ModifierId } from '../methods/specs';
export const MODIFIER_IDS = MODIFIER_SPECS.map((s) => s.id) as unknown as readonly ModifierId[];

/** `kind`, then each method's own fields in the order of the specs (`method.<id>.<param>`, or flat where they always were). */
export const methodSchema = z.strictObject({
  kind: z.enum(METHOD_KINDS),
  ...(Object.assign({}, ...allSpecs().map((s) => s.config)) as MethodFieldsShape),
});

/** Which classes of the target the run uses (remapped to 0…n−1 in order): all, the first five, the last five. */
export const TARGET_CLASS_SETS = ['all', '0-4', '5-9'] as const;
export type TargetClassSet = (typeof TARGET_CLASS_SETS)[number];

/** Symmetric label noise on the training labels is bounded to 0–40 % (the double-descent protocol uses 10–20 %). */
export const MAX_LABEL_NOISE = 0.4;

/** Training images of a shipped target's run, at least. */
export const MIN_TRAIN_SIZE = 64;

/** The most domains a benchmark target has (Rotated MNIST's six). */
export const MAX_DOMAINS = 6;

/** Fields added after version 1 have defaults here, so configs saved before them (runs files, history) still read. */
export const runConfigSchema = z.strictObject({
  schemaVersion: z.literal(CONFIG_SCHEMA_VERSION),
  model: z.string().min(1).max(200),
  /** a shipped image set, a DomainBed benchmark (data/targets.ts), or the user's own images ('user:<id>', data/user/) */
  dataset: z.union([z.enum(TARGET_IDS), z.templateLiteral(['user:', z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/)])], {
    error: `expected one of ${TARGET_IDS.join(', ')}, or user:<id> for your own images`,
  }),
  /** a benchmark's held-out domain, by its index in DomainBed's order (its test_envs); unused by the other targets */
  testDomain: z.int().min(0).max(MAX_DOMAINS - 1).default(0),
  /** images of the target's training split used for fine-tuning */
  // the floor depends on the target (below): one message, not two, for a negative count
  trainSize: z.int().max(6000, 'must be ≤ 6000'),
  /** the target's classes used (data/classSubset.ts); 'all' keeps every class */
  targetClasses: z.enum(TARGET_CLASS_SETS).default('all'),
  /** share of training labels replaced by another class, seeded (data/labelNoise.ts); val/test labels stay clean */
  labelNoise: z.number().min(0, 'must be ≥ 0').max(MAX_LABEL_NOISE, `must be ≤ ${MAX_LABEL_NOISE} (${MAX_LABEL_NOISE * 100} %)`).default(0),
  /** synthetic shifts of the ID test images; a benchmark run may have none (its held-out domain is an OOD set) */
  shifts: z.array(z.enum(SHIFT_IDS)).max(SHIFT_IDS.length),
  severity: z.int().min(1).max(5),
  method: methodSchema,
  optimizer: z.enum(['adam', 'sgd']),
  lr: learningRate,
  /** learning-rate schedule of each phase: cosine decay to 0, or constant */
  schedule: z.enum(['cosine', 'constant']),
  batchSize: z.int().min(1).max(512),
  duration: z.strictObject({
    unit: z.enum(['epochs', 'steps']),
    value: z.number().gt(0, 'must be > 0').max(100_000),
  }),
  seed: z.int().min(0).max(2 ** 31 - 1),
  /** steps between evaluations of ID/OOD accuracy and distortion */
  evalEvery: z.int().min(1).max(100_000),
  /** held-out test images per evaluation (ID, and the same images shifted for each OOD domain) */
  evalSize: z.int().min(32).max(3000),
  /** images per probe set (ID and OOD) for feature distortion */
  probeSize: z.int().min(16).max(1000),
  /** each evaluation also measures accuracy on the training images, with their (possibly noisy) labels */
  evalTrain: z.boolean().default(false),
}).superRefine((c, ctx) => {
  // a few drawings of your own are a dataset too; the shipped sets keep their floor of 64
  const floor = isUserTarget(c.dataset) ? 1 : MIN_TRAIN_SIZE;
  if (c.trainSize < floor) ctx.addIssue({ code: 'custom', path: ['trainSize'], message: `must be ≥ ${floor}` });
  // a user dataset's OOD collections are checked where the dataset is known (validate.ts)
  if (c.shifts.length === 0 && !isBenchmark(c.dataset) && !isUserTarget(c.dataset)) ctx.addIssue({ code: 'custom', path: ['shifts'], message: 'pick at least one shift' });
  if (isBenchmark(c.dataset) && c.testDomain >= BENCHMARKS[c.dataset].domains.length) {
    const info = BENCHMARKS[c.dataset];
    ctx.addIssue({ code: 'custom', path: ['testDomain'], message: `${info.label} has ${info.domains.length} domains (0–${info.domains.length - 1})` });
  }
});

export type RunConfig = z.infer<typeof runConfigSchema>;
export type MethodConfig = z.infer<typeof methodSchema>;
