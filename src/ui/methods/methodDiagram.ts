/**
 * What a method does to each block of the network, stage by stage, as the diagram beside the
 * method text draws it. This restates the engine's method definitions (src/engine/methods/) in
 * page terms — the page has no network to ask — so methodDiagram.engine.test.ts builds each method
 * on the real models in Node and checks every mark here against what the engine actually trains,
 * converts, projects, penalises, ties and taps. Pure data, no React.
 */
import type { MethodConfig } from '../../engine/config/schema';
import { modifierConflict, wiseFtConflict } from '../../engine/methods/compatibility';
import type { ModelAnatomy } from '../../engine/models/anatomy';
import { methodInfo, MODIFIER_LIST, type ModifierMark, type StagePlan } from './methodInfo';

/** The blocks of a network as the diagram needs them. */
export interface NetworkLayout {
  /** input → output, head excluded */
  blocks: { name: string; batchNorm: boolean }[];
  /** the block of each tap (a block output the engine taps), in the anatomy's tap order */
  tapBlocks: number[];
}

/**
 * What happens to a block. `frozen` and `trained` exclude each other; the others add to `trained`
 * (or to `frozen` for taps). A modifier's mark and its words come from its prose (methodProse.ts).
 */
export type BlockMark =
  | 'frozen' | 'trained'
  | 'converted' // BatchNorm rewritten to the target statistics before training
  | 'bn-fixed' // BatchNorm keeps its source statistics while the block trains
  | ModifierMark['mark']
  | 'tap' // LEVI: the frozen block's output feeds the ensemble
  | 'interpolated'; // WiSE-FT: weights blended between θ0 and θ after the run

export interface DiagramBlock { name: string; marks: BlockMark[] }

export interface DiagramStage {
  /** the engine's phase name ("LP", "FT", "Frozen-2"); "WiSE-FT" for the optional step after the run */
  name: string;
  /** what this stage is, in a few words */
  caption: string;
  blocks: DiagramBlock[];
  /** what sits where the head is: the new head (trained or blended), or LEVI's adapters and task model */
  head: { label: string; marks: BlockMark[] };
  /** after the run, optional (WiSE-FT) */
  optional?: boolean;
}

export interface MethodDiagram {
  stages: DiagramStage[];
  /** the whole picture in words: the diagram's accessible name and caption */
  text: string;
}

const MODIFIER_MARKS: ModifierMark[] = MODIFIER_LIST.flatMap((m) => (m.diagram ? [m.diagram] : []));
const fromModifiers = (field: 'label' | 'chip' | 'band') => Object.fromEntries(MODIFIER_MARKS.map((m) => [m.mark, m[field]]));

export const MARK_LABELS: Record<BlockMark, string> = {
  frozen: 'frozen',
  trained: 'trains',
  converted: 'BatchNorm converted to target statistics',
  'bn-fixed': 'BatchNorm statistics kept from pretraining',
  ...fromModifiers('label') as Record<ModifierMark['mark'], string>,
  tap: 'output feeds LEVI’s ensemble',
  interpolated: 'WiSE-FT blends θ₀ and θ',
};

/** Short text on a box or on a band under one block. */
export const MARK_CHIPS: Record<BlockMark, string> = {
  frozen: 'frozen', trained: 'trains', converted: 'BN conv.', 'bn-fixed': 'BN fixed',
  ...fromModifiers('chip') as Record<ModifierMark['mark'], string>,
  tap: 'tap', interpolated: 'WiSE',
};

/** Text on a band under two or more blocks. */
export const MARK_BANDS: Record<BlockMark, string> = {
  ...MARK_CHIPS, converted: 'BatchNorm converted', 'bn-fixed': 'BatchNorm stats fixed',
  ...fromModifiers('band') as Record<ModifierMark['mark'], string>,
  tap: 'LEVI taps',
};

/** Marks drawn as bands under the blocks they act on (frozen/trained/interpolated are the box itself), in the order the text lists them. */
export const BAND_MARKS: BlockMark[] = ['converted', 'bn-fixed', ...MODIFIER_MARKS.map((m) => m.mark), 'tap'];

/** Runs of neighbouring blocks that carry `mark`, as [first, last] block indices. */
export function markRuns(blocks: readonly DiagramBlock[], mark: BlockMark): [number, number][] {
  const runs: [number, number][] = [];
  blocks.forEach((b, i) => {
    if (!b.marks.includes(mark)) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

/**
 * The layout of a network from its anatomy: `isBatchNorm` says which layers are BatchNorm. A tap
 * that is no block's layer (the feature layer after the last block) belongs to the last block.
 */
export function layoutFromAnatomy(anatomy: Pick<ModelAnatomy, 'blocks' | 'taps'>, isBatchNorm: (layer: string) => boolean): NetworkLayout {
  const last = anatomy.blocks.length - 1;
  return {
    blocks: anatomy.blocks.map((b) => ({ name: b.name, batchNorm: b.layers.some(isBatchNorm) })),
    tapBlocks: anatomy.taps.map((t) => {
      const i = anatomy.blocks.findIndex((b) => b.layers.includes(t));
      return i >= 0 ? i : last;
    }),
  };
}

/** The shipped models name their BatchNorm layers `<block>_bn`, `_bn1`, `_bn2`, `_projbn` (checked against the real layers in the engine test). */
export function isZooBatchNormName(layer: string): boolean {
  return /_(proj)?bn\d*$/.test(layer);
}

/** Before a model's card is loaded: its block count only, every block tapped (as the zoo's anatomies are). */
export function genericLayout(blockCount: number, hasBatchNorm: boolean): NetworkLayout {
  return {
    blocks: Array.from({ length: blockCount }, (_, i) => ({ name: `block ${i + 1}`, batchNorm: hasBatchNorm })),
    tapBlocks: Array.from({ length: blockCount }, (_, i) => i),
  };
}

/** The taps LEVI reads: the last `taps` of the anatomy's (levi.ts buildModules). */
export function leviTapBlocks(layout: NetworkLayout, taps: number): Set<number> {
  const k = Math.min(taps, layout.tapBlocks.length);
  return new Set(layout.tapBlocks.slice(layout.tapBlocks.length - k));
}

/** Modifiers that apply: enabled, and not refused for this method (compatibility.ts), with their marks. */
function activeModifiers(method: MethodConfig, blockCount: number, hasBatchNorm: boolean): ModifierMark[] {
  return MODIFIER_LIST
    .filter((m) => method[m.id].enabled && !modifierConflict(m.id, method.kind, { blockCount, hasBatchNorm }, method.frozenBlocks))
    .flatMap((m) => (m.diagram ? [m.diagram] : []));
}

/** A method's stages from its prose; one stage where every block trains for a method whose prose draws none. */
function stagePlans(method: MethodConfig, n: number): StagePlan[] {
  const info = methodInfo(method.kind);
  return info.stages?.(method, n) ?? [{ name: info.short, caption: 'every weight trains', firstTrained: 0, bnFixed: false, trainsBackbone: true, head: 'new head' }];
}

export function methodDiagram(method: MethodConfig, layout: NetworkLayout): MethodDiagram {
  const n = layout.blocks.length;
  const hasBatchNorm = layout.blocks.some((b) => b.batchNorm);
  const mods = activeModifiers(method, n, hasBatchNorm);
  const modsFixBatchNorm = mods.some((m) => m.fixesBatchNorm);
  const modTaps = new Set(layout.tapBlocks);
  const leviTaps = method.kind === 'levi' ? leviTapBlocks(layout, method.levi.taps) : new Set<number>();
  const stages: DiagramStage[] = stagePlans(method, n).map((plan) => ({
    name: plan.name,
    caption: plan.caption,
    head: { label: plan.head, marks: ['trained'] },
    blocks: layout.blocks.map((b, i) => {
      const trained = i >= plan.firstTrained;
      const marks: BlockMark[] = [trained ? 'trained' : 'frozen'];
      if (plan.convertsBatchNorm && b.batchNorm) marks.push('converted');
      if (trained && b.batchNorm && (plan.bnFixed || (plan.trainsBackbone && modsFixBatchNorm))) marks.push('bn-fixed');
      if (trained && plan.trainsBackbone) {
        for (const m of mods) if (m.on === 'trained' || modTaps.has(i)) marks.push(m.mark);
      }
      if (leviTaps.has(i)) marks.push('tap');
      return { name: b.name, marks };
    }),
  }));
  if (!wiseFtConflict(method.kind)) {
    const everTrained = layout.blocks.map((_, i) => stages.some((s) => s.blocks[i].marks.includes('trained')));
    stages.push({
      name: 'WiSE-FT',
      caption: 'optional, after the run: θ_α = (1−α)·θ₀ + α·θ',
      optional: true,
      head: { label: 'head', marks: ['interpolated'] },
      blocks: layout.blocks.map((b, i) => ({ name: b.name, marks: everTrained[i] ? ['interpolated'] : ['frozen'] })),
    });
  }
  return { stages, text: describe(stages) };
}

function names(blocks: DiagramBlock[]): string {
  const list = blocks.map((b) => b.name);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** One sentence per stage: which blocks are frozen, which train, and every extra mark. */
function describe(stages: DiagramStage[]): string {
  return stages.map((s) => {
    const parts: string[] = [];
    const having = (m: BlockMark) => s.blocks.filter((b) => b.marks.includes(m));
    const frozen = having('frozen');
    const trained = having('trained');
    if (frozen.length) parts.push(`${frozen.length === s.blocks.length ? 'all blocks' : names(frozen)} frozen`);
    if (trained.length) parts.push(`${trained.length === s.blocks.length ? 'all blocks' : names(trained)} train`);
    const extras: BlockMark[] = [...BAND_MARKS, 'interpolated'];
    for (const m of extras) {
      const bs = having(m);
      if (bs.length) parts.push(`${names(bs)}: ${MARK_LABELS[m]}`);
    }
    // a soft hyphen lets a long word break in a narrow box; "task model + adapters" is plural
    const label = s.head.label.replace(/\u00ad/g, '');
    const head = s.head.marks.includes('interpolated') ? 'the head blended from a linear probe’s to the trained one' : `${label} ${label.includes(' + ') ? 'train' : 'trains'}`;
    return `${s.name}${s.optional ? ' (optional, after the run)' : ''}: ${[...parts, head].join('; ')}.`;
  }).join(' ');
}
