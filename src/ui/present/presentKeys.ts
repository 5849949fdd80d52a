/**
 * The presentation view's keyboard: space trains, pauses or resumes; → and ← step through the
 * scenarios; Escape leaves the view. Keys typed into a field, or pressed on a button (space
 * presses it already), are left alone.
 */
export type PresentAction = 'train' | 'pause' | 'resume' | 'next' | 'previous' | 'exit';

export interface PresentKeyContext {
  key: string;
  /** the focused element's tag, lower case */
  targetTag: string;
  modifier: boolean;
  status: 'idle' | 'active' | 'paused';
  canTrain: boolean;
}

export function presentAction(k: PresentKeyContext): PresentAction | null {
  if (k.modifier || ['input', 'select', 'textarea'].includes(k.targetTag)) return null;
  if (k.key === 'Escape') return 'exit';
  if (k.key === ' ' && k.targetTag !== 'button' && k.targetTag !== 'summary' && k.targetTag !== 'a') {
    if (k.status === 'paused') return 'resume';
    if (k.status === 'active') return 'pause';
    return k.canTrain ? 'train' : null;
  }
  if (k.status !== 'idle') return null;
  if (k.key === 'ArrowRight') return 'next';
  if (k.key === 'ArrowLeft') return 'previous';
  return null;
}

/** The scenario after (or before) `current` in `ids`, wrapping around; the first when none is open. */
export function stepScenario(ids: readonly string[], current: string | null, by: 1 | -1): string {
  const i = current ? ids.indexOf(current) : -1;
  if (i < 0) return by === 1 ? ids[0] : ids[ids.length - 1];
  return ids[(i + by + ids.length) % ids.length];
}
