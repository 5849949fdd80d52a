/**
 * Method diagnostics as the page draws them. Evaluation records carry `diagnostics` with
 * namespaced keys ("spd.decayShare:b1_conv1", "ftlp.regulariser"), and RunInfo carries static
 * `methodFacts` ("daft.conversionMaxRelChange"). This module finds which methods reported what and
 * shapes it into chart rows. Pure, so it is unit-tested; the card only draws.
 */
import type { EvalRecord } from '../../../engine/training/events';

export interface DiagnosticKey {
  /** the method that reported it: "spd", "ftlp", "levi" */
  namespace: string;
  /** what it is: "decayShare", "regulariser" */
  name: string;
  /** per-layer / per-tap keys name the layer or tap; whole-run values have none */
  target: string | null;
}

/** "spd.decayShare:b1_conv1" → { namespace: "spd", name: "decayShare", target: "b1_conv1" }; null when not namespaced. */
export function parseDiagnosticKey(key: string): DiagnosticKey | null {
  const dot = key.indexOf('.');
  if (dot <= 0) return null;
  const namespace = key.slice(0, dot);
  const rest = key.slice(dot + 1);
  const colon = rest.indexOf(':');
  const name = colon < 0 ? rest : rest.slice(0, colon);
  if (!name) return null;
  const target = colon < 0 ? null : rest.slice(colon + 1) || null;
  return { namespace, name, target };
}

export function diagnosticKey(namespace: string, name: string, target: string | null = null): string {
  return `${namespace}.${name}${target === null ? '' : `:${target}`}`;
}

/** Panels the card knows how to draw, in the order it draws them. */
export const KNOWN_PANELS = ['daft', 'spd', 'ftlp', 'levi'] as const;
export type DiagnosticPanelId = (typeof KNOWN_PANELS)[number] | 'other';

export const DAFT_CONVERSION_FACT = 'daft.conversionMaxRelChange';

/** Every diagnostic key any evaluation reported, in first-seen order. */
export function diagnosticKeys(evals: readonly EvalRecord[]): string[] {
  const seen = new Set<string>();
  for (const e of evals) for (const k of Object.keys(e.diagnostics ?? {})) seen.add(k);
  return [...seen];
}

/** Which panels to draw for this run: one per method that reported something, 'other' for anything unknown. */
export function diagnosticPanels(evals: readonly EvalRecord[], facts: Readonly<Record<string, number>> | null | undefined): DiagnosticPanelId[] {
  const present = new Set<DiagnosticPanelId>();
  if (facts && DAFT_CONVERSION_FACT in facts) present.add('daft');
  for (const key of diagnosticKeys(evals)) {
    const ns = parseDiagnosticKey(key)?.namespace;
    present.add(ns && (KNOWN_PANELS as readonly string[]).includes(ns) && ns !== 'daft' ? (ns as DiagnosticPanelId) : 'other');
  }
  return [...KNOWN_PANELS, 'other' as const].filter((p) => present.has(p));
}

/** Targets reported under namespace.name, in first-seen order. */
export function targetsOf(evals: readonly EvalRecord[], namespace: string, name: string): string[] {
  const out: string[] = [];
  for (const key of diagnosticKeys(evals)) {
    const k = parseDiagnosticKey(key);
    if (k && k.namespace === namespace && k.name === name && k.target !== null && !out.includes(k.target)) out.push(k.target);
  }
  return out;
}

/** Targets in the network's order (RunInfo.driftLayers), then any it does not list. */
function inOrder(targets: readonly string[], order: readonly string[]): string[] {
  return [...order.filter((n) => targets.includes(n)), ...targets.filter((n) => !order.includes(n))];
}

function valueOf(record: EvalRecord, namespace: string, name: string, target: string | null = null): number | undefined {
  const v = record.diagnostics?.[diagnosticKey(namespace, name, target)];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The latest evaluation that reported anything under `namespace`. */
export function latestWith(evals: readonly EvalRecord[], namespace: string): EvalRecord | undefined {
  for (let i = evals.length - 1; i >= 0; i--) {
    if (Object.keys(evals[i].diagnostics ?? {}).some((k) => parseDiagnosticKey(k)?.namespace === namespace)) return evals[i];
  }
  return undefined;
}

// ---------- DAFT ----------

/** METHODS.md: inference outputs before and after the conversion agree to float precision (≤ 1e-5 relative). */
export const DAFT_CONVERSION_TOLERANCE = 1e-5;

export interface DaftCheck {
  value: number;
  /** null when it was not measured (NaN) */
  ok: boolean | null;
  /** "3e-7" */
  shown: string;
}

export function daftCheck(facts: Readonly<Record<string, number>> | null | undefined): DaftCheck | null {
  if (!facts || !(DAFT_CONVERSION_FACT in facts)) return null;
  const value = facts[DAFT_CONVERSION_FACT];
  if (!Number.isFinite(value)) return { value, ok: null, shown: 'not measured' };
  return { value, ok: Math.abs(value) <= DAFT_CONVERSION_TOLERANCE, shown: formatSmall(value) };
}

/** 3.2e-7 → "3e-7", 0 → "0", 0.012 → "1e-2": one significant digit, the size is what matters. */
export function formatSmall(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(0).split('e');
  return `${mantissa}e${Number(exponent)}`;
}

// ---------- SPD ----------

export interface LayerBar { layer: string; value: number }

/** Share of steps on which SPD's condition c < 0 held, per layer, at the latest evaluation that has it. */
export function spdDecayBars(evals: readonly EvalRecord[], order: readonly string[] = []): LayerBar[] {
  const latest = latestWith(evals, 'spd');
  if (!latest) return [];
  return inOrder(targetsOf([latest], 'spd', 'decayShare'), order)
    .flatMap((layer) => { const v = valueOf(latest, 'spd', 'decayShare', layer); return v === undefined ? [] : [{ layer, value: v }]; });
}

/** A line chart's data: rows keyed by step plus one column per series (s0, s1, …: layer names may hold dots). */
export interface SeriesRows {
  rows: ({ step: number } & Record<string, number>)[];
  series: { key: string; name: string }[];
}

/**
 * ‖θ − θ0‖ over steps: the total over all anchored layers (√Σ of the squared per-layer distances,
 * which is the distance of all those weights together), and the `maxLayers` layers farthest from θ0
 * at the latest evaluation.
 */
export function spdDistanceSeries(evals: readonly EvalRecord[], maxLayers = 3): SeriesRows {
  const layers = targetsOf(evals, 'spd', 'distance');
  if (!layers.length) return { rows: [], series: [] };
  const latest = latestWith(evals, 'spd');
  const farthest = latest
    ? [...layers].sort((a, b) => (valueOf(latest, 'spd', 'distance', b) ?? 0) - (valueOf(latest, 'spd', 'distance', a) ?? 0)).slice(0, maxLayers)
    : [];
  const series = [{ key: 'total', name: 'all anchored layers' }, ...farthest.map((layer, i) => ({ key: `s${i}`, name: layer }))];
  const rows = evals.flatMap((e) => {
    const values = layers.map((l) => valueOf(e, 'spd', 'distance', l));
    if (values.every((v) => v === undefined)) return [];
    const row: { step: number } & Record<string, number> = { step: e.step, total: Math.sqrt(values.reduce<number>((s, v) => s + (v ?? 0) ** 2, 0)) };
    farthest.forEach((layer, i) => { const v = valueOf(e, 'spd', 'distance', layer); if (v !== undefined) row[`s${i}`] = v; });
    return [row];
  });
  return { rows, series };
}

// ---------- FT-LP ----------

export interface StepValue { step: number; value: number }

/**
 * R on the latest training batch before each evaluation. Before the first step no batch has been
 * seen and the engine reports its placeholder 0, which is not a value of R: step 0 is left out.
 */
export function ftlpRegulariserRows(evals: readonly EvalRecord[]): StepValue[] {
  return evals.flatMap((e) => { const v = valueOf(e, 'ftlp', 'regulariser'); return v === undefined || e.step < 1 ? [] : [{ step: e.step, value: v }]; });
}

/** Mean learned σ² per tap over steps, one series per tap. */
export function ftlpVarianceSeries(evals: readonly EvalRecord[]): SeriesRows {
  const taps = targetsOf(evals, 'ftlp', 'variance');
  if (!taps.length) return { rows: [], series: [] };
  const series = taps.map((tap, i) => ({ key: `s${i}`, name: tap }));
  const rows = evals.flatMap((e) => {
    const row: { step: number } & Record<string, number> = { step: e.step };
    let any = false;
    taps.forEach((tap, i) => { const v = valueOf(e, 'ftlp', 'variance', tap); if (v !== undefined) { row[`s${i}`] = v; any = true; } });
    return any ? [row] : [];
  });
  return { rows, series };
}

// ---------- LEVI ----------

export interface TapBar { name: string; accuracy: number; ensemble: boolean }

/** Each tap's own accuracy (z_k alone) at the latest evaluation, then the ensemble's ID accuracy on the same images. */
export function leviTapBars(evals: readonly EvalRecord[]): TapBar[] {
  const latest = latestWith(evals, 'levi');
  if (!latest) return [];
  const taps = targetsOf([latest], 'levi', 'tapAccuracy')
    .flatMap((tap) => { const v = valueOf(latest, 'levi', 'tapAccuracy', tap); return v === undefined ? [] : [{ name: `tap ${tap}`, accuracy: v, ensemble: false }]; });
  return taps.length ? [...taps, { name: 'ensemble Σ z_k', accuracy: latest.idAcc, ensemble: true }] : [];
}

// ---------- anything else ----------

/** Latest values of keys no panel draws, so a new method's diagnostics are visible before it has its own panel. */
export function otherDiagnostics(evals: readonly EvalRecord[]): { key: string; value: number }[] {
  const latest = evals[evals.length - 1];
  if (!latest) return [];
  return Object.entries(latest.diagnostics ?? {})
    .filter(([key]) => { const ns = parseDiagnosticKey(key)?.namespace; return !ns || ns === 'daft' || !(KNOWN_PANELS as readonly string[]).includes(ns); })
    .map(([key, value]) => ({ key, value }));
}

/** Panels a run of this method config will report (known before its first evaluation). */
export function expectedPanels(method: { kind: string; spd: { enabled: boolean }; ftlp: { enabled: boolean } }): DiagnosticPanelId[] {
  const out: DiagnosticPanelId[] = [];
  if (method.kind === 'daft') out.push('daft');
  if (method.spd.enabled) out.push('spd');
  if (method.ftlp.enabled) out.push('ftlp');
  if (method.kind === 'levi') out.push('levi');
  return out;
}

export const PANEL_NAMES: Record<DiagnosticPanelId, string> = { daft: 'DAFT', spd: 'SPD', ftlp: 'FT-LP', levi: 'LEVI', other: 'other' };
