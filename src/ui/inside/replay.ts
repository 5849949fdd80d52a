/**
 * Which evaluation the feature scatter's replay shows. The user's choice is an index into the
 * run's evaluations, or null to follow the latest (the default, and again once playback reaches
 * the end or the user drags to the right end). Pure, so it is unit-tested.
 */
import type { InsightRecord } from '../../engine/metrics/insightTypes';

export interface ReplayPick {
  /** index of the shown evaluation (-1 when there is none yet) */
  index: number;
  record: InsightRecord | null;
  /** the pick moves on with each new evaluation */
  following: boolean;
}

/** The evaluation shown for the user's choice `chosen` (null: follow the latest). */
export function replayPick(records: readonly InsightRecord[], chosen: number | null): ReplayPick {
  if (!records.length) return { index: -1, record: null, following: true };
  const last = records.length - 1;
  const index = chosen === null ? last : Math.min(Math.max(0, Math.round(chosen)), last);
  return { index, record: records[index], following: chosen === null };
}

/** The choice after the user moves the slider to `index`: the right end means "follow the latest". */
export function chooseIndex(index: number, count: number): number | null {
  return index >= count - 1 ? null : Math.max(0, index);
}

/** Where play starts: from the first evaluation when the replay stands at the last one, else where it stands. */
export function playStart(index: number, count: number): number {
  return index >= count - 1 ? 0 : Math.max(0, index);
}

/** The next frame while playing, or null once the last evaluation is shown (playback ends, following resumes). */
export function playNext(index: number, count: number): number | null {
  return index + 1 < count ? index + 1 : null;
}

/** Milliseconds per frame: the whole replay in about 6 s, each frame between 0.15 and 0.8 s. */
export function frameMs(count: number): number {
  return Math.min(800, Math.max(150, Math.round(6000 / Math.max(1, count))));
}
