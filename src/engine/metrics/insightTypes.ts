/**
 * What "See inside" reports, as plain data (structured-clone and JSON safe, no TF.js): a fixed
 * 2-D frame for the probe features (fitted once on the pretrained features), the probes' points
 * in it at each evaluation, the predictions on a small fixed grid of images, and confusion counts.
 * The types are inferred from the run events' one schema (training/eventSchema.ts).
 */
import type { z } from 'zod';
import type { insightDomainSchema, insightFrameSchema, insightRecordSchema } from '../training/eventSchema';

/** 'id': the clean test images; otherwise the shift that made the OOD domain. */
export type InsightDomain = z.output<typeof insightDomainSchema>;
/** Sent once per run, before the first evaluation. */
export type InsightFrame = z.output<typeof insightFrameSchema>;
/** Sent with every evaluation. */
export type InsightRecord = z.output<typeof insightRecordSchema>;
