/** zod schemas of See inside's events, for reading them back from a file (runs export/import). */
import { z } from 'zod';
import { SHIFT_IDS } from '../shifts/types';

/** a number, or JSON's null for a NaN (a diverged run's features) */
const num = z.union([z.number(), z.null().transform(() => Number.NaN)]);
const count = z.int().min(0).max(100_000_000);
const numbers = z.array(num).max(100_000);
// 'id', a synthetic shift, or a benchmark's held-out domain ('domain:75°')
const domain = z.union([z.literal('id'), z.enum(SHIFT_IDS), z.string().regex(/^domain:.{1,40}$/)]);
const maxDomains = SHIFT_IDS.length + 2;

export const insightFrameSchema = z.looseObject({
  domains: z.array(domain).min(1).max(maxDomains),
  probeCounts: z.array(count).max(maxDomains),
  probeLabels: z.array(count).max(50_000),
  pretrained: numbers,
  explained: z.tuple([num, num]),
  gridRows: z.array(count).max(1000),
  gridLabels: z.array(count).max(1000),
  numClasses: z.int().min(1).max(1000),
});

export const insightRecordSchema = z.looseObject({
  step: num,
  points: numbers,
  gridPredictions: z.array(z.array(count).max(1000)).max(maxDomains),
  confusion: z.array(z.array(count).max(1_000_000)).max(maxDomains),
});
