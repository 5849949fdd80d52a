/**
 * Shapes run records into the rows recharts draws. Pure, so the charts stay thin and this is
 * unit-tested. Evaluations are few (one per evalEvery steps), so no thinning is needed here; the
 * loss series is bounded by the store.
 */
import type { EvalRecord, RunInfo } from '../../engine/training/events';
import type { OodId } from '../../engine/data/oodId';

export type AccuracyRow = { step: number; id: number; oodMean: number; oodWorst: number } & Record<string, number>;

/** Key of an OOD set's own column in an accuracy row ("ood:rotation", "ood:domain:75°"), apart from the fixed keys. */
export function shiftKey(id: OodId): string {
  return `ood:${id}`;
}

export function accuracyRows(evals: readonly EvalRecord[]): AccuracyRow[] {
  return evals.map((e) => {
    const row: AccuracyRow = { step: e.step, id: e.idAcc, oodMean: e.oodMean, oodWorst: e.oodWorst };
    for (const [shift, acc] of Object.entries(e.ood)) {
      if (acc !== undefined) row[shiftKey(shift as OodId)] = acc;
    }
    return row;
  });
}

export type DistortionMetric = 'l2' | 'relative' | 'cosine';

export const DISTORTION_METRICS: { id: DistortionMetric; label: string; axis: string; explanation: string }[] = [
  { id: 'l2', label: '‖Δf‖', axis: 'mean ‖f_t − f₀‖', explanation: 'mean distance between current and pretrained features' },
  { id: 'relative', label: 'relative', axis: 'mean ‖f_t − f₀‖ / ‖f₀‖', explanation: 'the distance divided by the length of the pretrained features' },
  { id: 'cosine', label: 'cosine', axis: 'mean cos(f_t, f₀)', explanation: 'cosine similarity of current and pretrained features (1 = same direction)' },
];

export interface DistortionRow { step: number; id: number; ood: number }

export function distortionRows(evals: readonly EvalRecord[], metric: DistortionMetric): DistortionRow[] {
  return evals.map((e) => ({ step: e.step, id: e.distortion.id[metric], ood: e.distortion.ood[metric] }));
}

export interface DriftBar { layer: string; drift: number }

/** Drift of each layer in network order (the run's driftLayers), then any layer it did not list. */
export function driftBars(record: EvalRecord | undefined, order: readonly string[] = []): DriftBar[] {
  if (!record) return [];
  const names = [...order.filter((n) => n in record.drift), ...Object.keys(record.drift).filter((n) => !order.includes(n))];
  return names.map((layer) => ({ layer, drift: record.drift[layer] }));
}

export interface PhaseBoundary { step: number; label: string }

/** Where one phase hands over to the next (LP→FT), placed between the two steps. */
export function phaseBoundaries(info: RunInfo | null): PhaseBoundary[] {
  if (!info) return [];
  return info.phases.slice(1).map((p, i) => ({ step: p.firstStep - 0.5, label: `${info.phases[i].name}→${p.name}` }));
}
