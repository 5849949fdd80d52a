/** Learning-rate multipliers over a phase: step counts from 0 to total−1. */
export type ScheduleKind = 'cosine' | 'constant';

export function scheduleFactor(kind: ScheduleKind, step: number, total: number): number {
  if (kind === 'constant' || total <= 1) return 1;
  return 0.5 * (1 + Math.cos((Math.PI * step) / total));
}
