import { ReferenceLine } from 'recharts';
import type { PhaseBoundary } from './chartData';
import { COLORS } from './palette';

/**
 * Vertical lines at phase hand-overs (LP→FT). A function returning elements, not a component:
 * recharts finds its children by type, so they must be direct children of the chart.
 */
export function phaseLines(boundaries: readonly PhaseBoundary[]) {
  return boundaries.map((b) => (
    <ReferenceLine key={b.step} x={b.step} stroke={COLORS.phase} strokeDasharray="4 4" ifOverflow="extendDomain"
      label={{ value: b.label, position: 'insideTopLeft', fill: COLORS.phase, fontSize: 12 }} />
  ));
}
