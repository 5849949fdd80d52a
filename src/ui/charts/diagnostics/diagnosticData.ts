/**
 * Method diagnostics as the page draws them. Evaluation records carry `diagnostics` with
 * namespaced keys ("levi.tapAccuracy:b3", "ftlp.regulariser"), and RunInfo carries static
 * `methodFacts` ("<namespace>.<name>"), both under the namespace of the method's spec. This
 * module finds which methods reported what; each method's panel (`<namespace>.panel.tsx`) shapes
 * its own rows. Pure, so it is unit-tested; the card only draws.
 */
import { allSpecs, baseSpecs, modifierSpecs } from '../../../engine/methods/specs';
import type { EvalRecord } from '../../../engine/training/events';

export interface DiagnosticKey {
  /** the method that reported it: "ftlp", "levi" */
  namespace: string;
  /** what it is: "decayShare", "regulariser" */
  name: string;
  /** per-layer / per-tap keys name the layer or tap; whole-run values have none */
  target: string | null;
}

/** "levi.tapAccuracy:b1_conv1" → { namespace: "levi", name: "tapAccuracy", target: "b1_conv1" }; null when not namespaced. */
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

/** The methods' diagnostics namespaces, in the order of their specs (the order the card draws them). */
export const KNOWN_PANELS: readonly string[] = allSpecs().flatMap((s) => (s.diagnostics ? [s.diagnostics] : []));
/** a method's namespace, or 'other' for what no method declares */
export type DiagnosticPanelId = string;

/** Every diagnostic key any evaluation reported, in first-seen order. */
export function diagnosticKeys(evals: readonly EvalRecord[]): string[] {
  const seen = new Set<string>();
  for (const e of evals) for (const k of Object.keys(e.diagnostics ?? {})) seen.add(k);
  return [...seen];
}

/** Which panels to draw for this run: one per method that reported something, 'other' for anything unknown. */
export function diagnosticPanels(evals: readonly EvalRecord[], facts: Readonly<Record<string, number>> | null | undefined): DiagnosticPanelId[] {
  const present = new Set<DiagnosticPanelId>();
  // a fact (measured once, while preparing) names its method's panel too
  for (const key of Object.keys(facts ?? {})) {
    const ns = parseDiagnosticKey(key)?.namespace;
    if (ns && KNOWN_PANELS.includes(ns)) present.add(ns);
  }
  for (const key of diagnosticKeys(evals)) {
    const ns = parseDiagnosticKey(key)?.namespace;
    present.add(ns && KNOWN_PANELS.includes(ns) ? ns : 'other');
  }
  return [...KNOWN_PANELS, 'other'].filter((p) => present.has(p));
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
export function inOrder(targets: readonly string[], order: readonly string[]): string[] {
  return [...order.filter((n) => targets.includes(n)), ...targets.filter((n) => !order.includes(n))];
}

export function valueOf(record: EvalRecord, namespace: string, name: string, target: string | null = null): number | undefined {
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

/** A line chart's data: rows keyed by step plus one column per series (s0, s1, …: layer names may hold dots). */
export interface SeriesRows {
  rows: ({ step: number } & Record<string, number>)[];
  series: { key: string; name: string }[];
}

// ---------- anything else ----------

/** Latest values of keys no panel draws, so a new method's diagnostics are visible before it has its own panel. */
export function otherDiagnostics(evals: readonly EvalRecord[]): { key: string; value: number }[] {
  const latest = evals[evals.length - 1];
  if (!latest) return [];
  return Object.entries(latest.diagnostics ?? {})
    .filter(([key]) => { const ns = parseDiagnosticKey(key)?.namespace; return !ns || !KNOWN_PANELS.includes(ns); })
    .map(([key, value]) => ({ key, value }));
}

/** Panels a run of this method config will report (known before its first evaluation): its base method's, then each enabled modifier's. */
export function expectedPanels(method: { kind: string }): DiagnosticPanelId[] {
  const on = (id: string) => (method as Record<string, unknown> as Record<string, { enabled?: boolean } | undefined>)[id]?.enabled === true;
  const specs = [...baseSpecs().filter((s) => s.id === method.kind), ...modifierSpecs().filter((s) => on(s.id))];
  return specs.flatMap((s) => (s.diagnostics ? [s.diagnostics] : []));
}

/** The method's short name that reported under a namespace ("FT-LP"). */
export function panelName(ns: DiagnosticPanelId): string {
  return allSpecs().find((s) => s.diagnostics === ns)?.short ?? ns;
}
