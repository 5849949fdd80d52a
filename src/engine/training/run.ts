/** A whole run in one call (headless runner, tests): open a session, train, release it. */
import type { RunConfig } from '../config/schema';
import type { MethodContext } from '../methods/types';
import type { RunSummary } from './events';
import { TrainingSession, type RunHost } from './session';

export { BatchSampler, divergenceThreshold, LOSS_READBACK_EVERY, TrainingSession, type RunHost } from './session';

export async function runTraining(
  config: RunConfig, host: RunHost, afterTraining?: (ctx: MethodContext, session: TrainingSession) => Promise<void> | void,
): Promise<RunSummary> {
  const session = await TrainingSession.open(config, host);
  try {
    const summary = await session.train();
    await afterTraining?.(session.ctx, session);
    return summary;
  } finally {
    session.dispose();
  }
}
