/**
 * Names of a run's OOD sets: a synthetic shift of the ID test images (its ShiftId), or a benchmark's
 * held-out domain ('domain:75°'), which holds other images altogether.
 */
import { SHIFTS } from '../shifts/registry';
import type { ShiftId } from '../shifts/types';

export type DomainOodId = `domain:${string}`;
export type OodId = ShiftId | DomainOodId;

export function domainOodId(domain: string): DomainOodId {
  return `domain:${domain}`;
}

export function isDomainOod(id: string): id is DomainOodId {
  return id.startsWith('domain:');
}

/** What the page calls an OOD set: the shift's label, or "held-out domain 75°". */
export function oodLabel(id: string): string {
  if (isDomainOod(id)) return `held-out domain ${id.slice('domain:'.length)}`;
  return SHIFTS[id as ShiftId]?.label ?? id;
}
