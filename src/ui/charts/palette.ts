/** Chart colours: the three headline series stand out; per-shift lines are thin and muted. */
export const COLORS = {
  id: '#1d4ed8',
  oodMean: '#c2410c',
  oodWorst: '#b91c1c',
  /** a benchmark's held-out domain */
  heldOut: '#9333ea',
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

/** Method diagnostics: the shared hues (each panel has its method's own), and lines for several layers or taps of one method. */
export const DIAG_COLORS = {
  ensemble: '#1d4ed8',
  reference: '#94a3b8',
};

const DIAG_SERIES_HUES = ['#0e7490', '#db2777', '#65a30d', '#ea580c', '#7c3aed', '#0284c7'];

export function diagSeriesColor(index: number): string {
  return DIAG_SERIES_HUES[index % DIAG_SERIES_HUES.length];
}

/**
 * Compare mode: one strong, distinguishable hue per compared method setting (colour-blind-safe
 * order, after Okabe–Ito and Tableau), cycled beyond eight.
 */
const GROUP_HUES = ['#2563eb', '#ea580c', '#059669', '#9333ea', '#db2777', '#0891b2', '#ca8a04', '#475569'];

export function groupColor(index: number): string {
  return GROUP_HUES[index % GROUP_HUES.length];
}
