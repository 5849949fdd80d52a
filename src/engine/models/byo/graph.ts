/**
 * The layer graph as plain data, and the two questions the inspection asks of it: which layers
 * every input → output path passes through (cut points: the places a network can be split or
 * frozen up to without cutting a residual branch in half), and how the layers between them group
 * into freezable blocks.
 */

export interface GraphLayer {
  name: string;
  className: string;
  /** names of the layers whose outputs this layer reads */
  inputs: string[];
  /** weights of the layer, trainable or not */
  params: number;
}

export type LayerGraph = ReadonlyMap<string, GraphLayer>;

/** Normalisation layers belong to the block of the layer they normalise, never start one. */
const NORMALISATION = new Set(['BatchNormalization', 'LayerNormalization']);

function reach(start: string, next: (name: string) => readonly string[]): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    for (const n of next(stack.pop()!)) if (!seen.has(n)) { seen.add(n); stack.push(n); }
  }
  return seen;
}

/** The layers on some path from `source` to `sink`, in topological order (source first, sink last). */
export function pathLayers(graph: LayerGraph, source: string, sink: string): string[] {
  const consumers = new Map<string, string[]>();
  for (const l of graph.values()) for (const i of l.inputs) consumers.set(i, [...(consumers.get(i) ?? []), l.name]);
  const upstream = reach(sink, (n) => graph.get(n)?.inputs ?? []);
  const downstream = reach(source, (n) => consumers.get(n) ?? []);
  const keep = (n: string) => upstream.has(n) && downstream.has(n);
  // iterative depth-first post-order from the sink over inputs: every layer after all it reads
  const order: string[] = [];
  const done = new Set<string>();
  const stack: { name: string; expanded: boolean }[] = [{ name: sink, expanded: false }];
  while (stack.length) {
    const top = stack.pop()!;
    if (done.has(top.name)) continue;
    if (top.expanded) { done.add(top.name); order.push(top.name); continue; }
    stack.push({ name: top.name, expanded: true });
    const inputs = (graph.get(top.name)?.inputs ?? []).filter(keep);
    for (let i = inputs.length - 1; i >= 0; i--) if (!done.has(inputs[i])) stack.push({ name: inputs[i], expanded: false });
  }
  return order.filter(keep);
}

/**
 * Layers every source → sink path passes through. With the path layers in topological order, a
 * layer is avoidable exactly when some edge jumps over its position (then source → edge → sink
 * skips it), so one sweep over the edges finds them all.
 */
export function cutPoints(graph: LayerGraph, order: readonly string[]): Set<string> {
  const pos = new Map(order.map((n, i) => [n, i]));
  const cover = new Array<number>(order.length + 1).fill(0);
  for (const name of order) {
    for (const input of graph.get(name)!.inputs) {
      const from = pos.get(input);
      const to = pos.get(name)!;
      if (from === undefined || to - from < 2) continue;
      cover[from + 1] += 1;
      cover[to] -= 1;
    }
  }
  const cuts = new Set<string>();
  let open = 0;
  order.forEach((n, i) => { open += cover[i]; if (open === 0) cuts.add(n); });
  return cuts;
}

export interface Block { name: string; layers: string[] }

function startsBlock(layer: GraphLayer): boolean {
  return layer.params > 0 && !NORMALISATION.has(layer.className);
}

/**
 * Freezable blocks of the layers order[1..end] (the source, the input layer, is in none): segments
 * between consecutive cut points, merged so each block starts with a weighted, non-normalisation
 * layer (conv → BN → ReLU → pool is one block; a residual branch and its merge are one segment).
 * Layers before the first such layer join the first block.
 */
export function groupBlocks(graph: LayerGraph, order: readonly string[], cuts: ReadonlySet<string>, end: string): Block[] {
  const segments: string[][] = [];
  let current: string[] = [];
  for (const name of order.slice(1, order.indexOf(end) + 1)) {
    current.push(name);
    if (cuts.has(name)) { segments.push(current); current = []; }
  }
  if (current.length) segments.push(current);
  const groups: string[][] = [];
  let seenStart = false;
  for (const seg of segments) {
    const starts = seg.some((n) => startsBlock(graph.get(n)!));
    if (starts && seenStart) groups.push([...seg]);
    else if (groups.length) groups[groups.length - 1].push(...seg);
    else groups.push([...seg]);
    seenStart ||= starts;
  }
  const weighted = groups.filter((g) => g.some((n) => graph.get(n)!.params > 0));
  if (!weighted.length) return [];
  return groups.map((layers, i) => ({ name: `block${i + 1}`, layers }));
}
