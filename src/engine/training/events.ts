/**
 * What a run reports while it trains. The worker streams these to the page; the headless runner
 * writes them as JSON lines. The types are inferred from the one schema (eventSchema.ts).
 */
import type { z } from 'zod';
import type { evalRecordSchema, distortionValuesSchema, RUN_STATUSES, runEventSchema, runInfoSchema, runSummarySchema } from './eventSchema';

export { FINAL_STATUSES, isFinalStatus } from './eventSchema';

export type RunStatus = (typeof RUN_STATUSES)[number];
export type DistortionValues = z.output<typeof distortionValuesSchema>;
export type EvalRecord = z.output<typeof evalRecordSchema>;
export type RunInfo = z.output<typeof runInfoSchema>;
export type RunSummary = z.output<typeof runSummarySchema>;
export type RunEvent = z.output<typeof runEventSchema>;

export interface RunControl {
  /** Yields to the host's event loop and waits while paused; true when the run should stop. */
  checkpoint(): Promise<boolean>;
}
