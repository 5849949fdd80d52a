/**
 * What a run reports while it trains, written once as zod schemas: the TypeScript types of the run
 * events (events.ts, insightTypes.ts) are inferred from them, and files read back (runs export and
 * import, the history) are validated against them. Plain data only (structured-clone and JSON safe);
 * JSON's null stands for NaN (a diverged run's numbers), and strings and lists are capped, since
 * a file read back is untrusted.
 */
import { z } from 'zod';
import { runConfigSchema } from '../config/schema';
import { SHIFT_IDS } from '../shifts/types';
import { USER_LIMITS } from '../data/user/userDataset';

export const EVENT_LIMITS = { maxString: 10_000, maxLosses: 1_000_000, maxList: 100_000 };

/** a number, or JSON's null for a NaN (a diverged run's numbers) */
export const jsonNumber = z.union([z.number(), z.null().transform(() => Number.NaN)], { error: 'expected a number' });
const num = jsonNumber;
const str = z.string().max(EVENT_LIMITS.maxString);
const count = z.int().min(0).max(100_000_000);
const shiftId = z.enum(SHIFT_IDS);
/** an OOD set: a synthetic shift, a benchmark's held-out domain ('domain:75°') or a collection of your own images ('domain:at night') */
const oodId = z.union([shiftId, z.templateLiteral(['domain:', z.string().min(1).max(40)])]);

/** Every status a run shows, in the order a run goes through them. */
export const RUN_STATUSES = ['loading', 'preparing', 'compiling', 'training', 'paused', 'evaluating', 'completed', 'stopped', 'diverged', 'failed'] as const;
/** The statuses a run ends in (the last three with a summary). */
export const FINAL_STATUSES = ['completed', 'stopped', 'diverged', 'failed'] as const satisfies readonly (typeof RUN_STATUSES)[number][];
export const SUMMARY_STATUSES = ['completed', 'stopped', 'diverged'] as const satisfies readonly (typeof FINAL_STATUSES)[number][];

export const isFinalStatus = (status: string): boolean => (FINAL_STATUSES as readonly string[]).includes(status);

export const distortionValuesSchema = z.object({ l2: num, relative: num, cosine: num });

export const evalRecordSchema = z.object({
  step: num,
  phase: str,
  /** accuracy on the held-out clean target test images */
  idAcc: num,
  /** accuracy on the target validation split (model selection) */
  valAcc: num,
  /** accuracy per OOD set: each synthetic shift, and a benchmark's held-out domain ('domain:75°') */
  ood: z.partialRecord(oodId, num),
  oodMean: num,
  oodWorst: num,
  worstShift: oodId,
  distortion: z.object({ id: distortionValuesSchema, ood: distortionValuesSchema }),
  /** layer name → ‖W − W0‖_F / ‖W0‖_F */
  drift: z.record(str, num),
  /** method-specific diagnostics */
  diagnostics: z.record(str, num),
  /** accuracy on the training images with the labels trained on (noisy ones included); only with config.evalTrain */
  trainAcc: num.optional(),
  evalMs: num,
  elapsedSec: num,
});

export const runInfoSchema = z.object({
  backend: str,
  totalSteps: num,
  phases: z.array(z.object({ name: str, steps: num, firstStep: num })).max(100),
  classNames: z.array(str).max(10_000),
  shifts: z.array(shiftId).max(SHIFT_IDS.length),
  driftLayers: z.array(str).max(10_000),
  parameters: z.object({ total: num, trainable: num }),
  trainImages: num,
  evalImages: num,
  /** symmetric noise on the training labels: the rate asked for and how many of trainImages were flipped (absent in older runs) */
  labelNoise: z.object({ rate: num, flipped: num }).optional(),
  /** static facts a method measured while preparing (e.g. a conversion's error) */
  methodFacts: z.record(str, num),
  /** evaluations ran beside training, in a second worker (absent in older runs: they held training) */
  evalAside: z.boolean().optional(),
});

export const runSummarySchema = z.object({
  status: z.enum(SUMMARY_STATUSES),
  /** first step whose loss was not finite */
  divergedAtStep: num.optional(),
  stepsDone: num,
  totalSteps: num,
  seconds: num,
  stepsPerSec: num,
  /** share of wall time training was held by evaluation (all of an evaluation's time, unless it ran beside training) */
  evalShare: num,
  /** the evaluations' own time, wherever they ran (absent in older runs: evalShare × seconds) */
  evalSeconds: num.optional(),
  /** evaluations ran beside training, in a second worker (absent in older runs) */
  evalAside: z.boolean().optional(),
  /** model selection: the last evaluation, and the evaluation with the best ID validation accuracy */
  last: evalRecordSchema.nullable(),
  bestVal: evalRecordSchema.nullable(),
  backend: str,
  config: runConfigSchema,
});

const numbers = z.array(num).max(EVENT_LIMITS.maxList);
/** 'id': the clean test images; otherwise the shift (or held-out benchmark domain) that made the OOD set */
export const insightDomainSchema = z.union([z.literal('id'), oodId]);
// 'id', every shift, and a benchmark's held-out domain or a user dataset's OOD collections
const maxDomains = SHIFT_IDS.length + USER_LIMITS.maxCollections;

/** See inside's frame, sent once per run before the first evaluation. */
export const insightFrameSchema = z.object({
  /** 'id' first, then each shift in the run's order; every per-domain list below follows it */
  domains: z.array(insightDomainSchema).min(1).max(maxDomains),
  /** probe points per domain: the first rows of the test set, then of each shifted set (probeRows) */
  probeCounts: z.array(count).max(maxDomains),
  /** true class of each probe point, in point order */
  probeLabels: z.array(count).max(50_000),
  /** the pretrained probe features on the frame's two axes: x0, y0, x1, y1, … */
  pretrained: numbers,
  /** share of the pretrained probes' total variance along each axis */
  explained: z.tuple([num, num]),
  /** rows of the evaluation test set shown in the prediction grid (the same rows of each shifted set) */
  gridRows: z.array(count).max(1000),
  /** true class of each grid row */
  gridLabels: z.array(count).max(1000),
  numClasses: z.int().min(1).max(1000),
});

/** See inside's record, sent with every evaluation. */
export const insightRecordSchema = z.object({
  step: num,
  /** the current probe features on the frame's axes, in the order of the frame's `pretrained` */
  points: numbers,
  /** predicted class per grid cell: one list per domain, one entry per grid row */
  gridPredictions: z.array(z.array(count).max(1000)).max(maxDomains),
  /** per domain, over its whole evaluation set: C×C counts, row = true class, column = predicted, row-major */
  confusion: z.array(z.array(count).max(1_000_000)).max(maxDomains),
});

/** Each kind of run event, by its `type`. */
export const RUN_EVENT_SCHEMAS = {
  status: z.object({ type: z.literal('status'), status: z.enum(RUN_STATUSES), message: str }),
  info: z.object({ type: z.literal('info'), info: runInfoSchema }),
  steps: z.object({
    type: z.literal('steps'),
    /** global step number of losses[0] (steps count from 1) */
    firstStep: num,
    losses: z.array(num).max(EVENT_LIMITS.maxLosses),
    phase: str, lr: num, stepsPerSec: num, etaSec: num, elapsedSec: num,
  }),
  eval: z.object({ type: z.literal('eval'), record: evalRecordSchema }),
  /** See inside: the fixed frame, once, before the first evaluation */
  'insight-frame': z.object({ type: z.literal('insight-frame'), frame: insightFrameSchema }),
  /** See inside: the probes' points, grid predictions and confusion counts, after each 'eval' */
  insight: z.object({ type: z.literal('insight'), insight: insightRecordSchema }),
  done: z.object({ type: z.literal('done'), summary: runSummarySchema }),
};

export const runEventSchema = z.discriminatedUnion('type', Object.values(RUN_EVENT_SCHEMAS) as [
  (typeof RUN_EVENT_SCHEMAS)['status'], ...(typeof RUN_EVENT_SCHEMAS)[keyof typeof RUN_EVENT_SCHEMAS][],
]);
