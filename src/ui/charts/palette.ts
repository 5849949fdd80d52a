/** Chart colours: the three headline series stand out; per-shift lines are thin and muted. */
export const COLORS = {
  id: '#1d4ed8',
  oodMean: '#c2410c',
  oodWorst: '#b91c1c',
  loss: '#0f766e',
  drift: '#6d28d9',
  grid: '#e2e8f0',
  axis: '#475569',
  phase: '#64748b',
};

/** Muted, distinguishable hues for up to 19 shift lines (cycled beyond). */
const SHIFT_HUES = ['#94a3b8', '#a78bfa', '#7dd3fc', '#86efac', '#fcd34d', '#f9a8d4', '#fdba74', '#a5b4fc', '#5eead4', '#d8b4fe'];

export function shiftColor(index: number): string {
  return SHIFT_HUES[index % SHIFT_HUES.length];
}
