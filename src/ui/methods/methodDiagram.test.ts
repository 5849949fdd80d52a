/** The method diagram's model per method and config (pure; methodDiagram.engine.test.ts checks it against the engine). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import type { MethodConfig, MethodKind } from '../../engine/config/schema';
import { genericLayout, isZooBatchNormName, layoutFromAnatomy, markRuns, methodDiagram, type BlockMark } from './methodDiagram';

// resnet-broad's anatomy as its card states it
const RESNET = layoutFromAnatomy({
  blocks: [
    { name: 'stem', layers: ['stem_conv', 'stem_bn', 'stem_out'] },
    { name: 'b1', layers: ['b1_conv1', 'b1_bn1', 'b1_relu1', 'b1_conv2', 'b1_bn2', 'b1_add', 'b1_out'] },
    { name: 'b2', layers: ['b2_conv1', 'b2_bn1', 'b2_conv2', 'b2_proj', 'b2_bn2', 'b2_projbn', 'b2_out'] },
    { name: 'b3', layers: ['b3_conv1', 'b3_bn1', 'b3_conv2', 'b3_proj', 'b3_bn2', 'b3_projbn', 'b3_out'] },
  ],
  taps: ['stem_out', 'b1_out', 'b2_out', 'b3_out'],
}, isZooBatchNormName);

function method(kind: MethodKind, patch: Partial<MethodConfig> = {}, mods: ('spd' | 'l2sp' | 'ftlp')[] = []): MethodConfig {
  const m: MethodConfig = structuredClone({ ...DEFAULT_CONFIG.method, kind, ...patch });
  for (const id of mods) m[id].enabled = true;
  return m;
}

/** Each stage as "name: marks of each block | head marks". */
function marks(m: MethodConfig, layout = RESNET): string[] {
  return methodDiagram(m, layout).stages.map((s) => `${s.name}: ${s.blocks.map((b) => b.marks.join('+')).join(' ')} | ${s.head.marks.join('+')}`);
}

describe('method diagram', () => {
  it('reads blocks, BatchNorm and taps from an anatomy (a tap outside the blocks belongs to the last)', () => {
    expect(RESNET.blocks.map((b) => b.name)).toEqual(['stem', 'b1', 'b2', 'b3']);
    expect(RESNET.blocks.every((b) => b.batchNorm)).toBe(true);
    const mlp = layoutFromAnatomy({ blocks: [{ name: 'fc1', layers: ['fc1_dense', 'fc1_out'] }, { name: 'fc2', layers: ['fc2_dense', 'fc2_bn'] }], taps: ['fc1_out', 'features'] }, isZooBatchNormName);
    expect(mlp.blocks.map((b) => b.batchNorm)).toEqual([false, true]);
    expect(mlp.tapBlocks).toEqual([0, 1]);
    expect(isZooBatchNormName('b2_projbn')).toBe(true);
    expect(isZooBatchNormName('b2_bn2')).toBe(true);
    expect(isZooBatchNormName('bnorm_dense')).toBe(false);
  });

  it('FT trains everything; WiSE-FT can blend every block afterwards', () => {
    expect(marks(method('ft'))).toEqual([
      'FT: trained trained trained trained | trained',
      'WiSE-FT: interpolated interpolated interpolated interpolated | interpolated',
    ]);
  });

  it('LP freezes every block but the head, and offers no WiSE-FT', () => {
    expect(marks(method('lp'))).toEqual(['LP: frozen frozen frozen frozen | trained']);
  });

  it('LP-FT: a frozen LP stage, then everything trains with BatchNorm statistics fixed', () => {
    expect(marks(method('lp-ft'))).toEqual([
      'LP: frozen frozen frozen frozen | trained',
      'FT: trained+bn-fixed trained+bn-fixed trained+bn-fixed trained+bn-fixed | trained',
      'WiSE-FT: interpolated interpolated interpolated interpolated | interpolated',
    ]);
  });

  it('Frozen-k follows k, and the modifiers mark only the blocks that train', () => {
    expect(marks(method('frozen-k', { frozenBlocks: 2 }, ['spd', 'l2sp']))).toEqual([
      'Frozen-2: frozen frozen trained+projected+l2sp trained+projected+l2sp | trained',
      'WiSE-FT: frozen frozen interpolated interpolated | interpolated',
    ]);
    expect(marks(method('frozen-k', { frozenBlocks: 1 }))[0]).toBe('Frozen-1: frozen trained trained trained | trained');
  });

  it('DAFT converts BatchNorm in every block with one; SPD projects them', () => {
    expect(marks(method('daft', {}, ['spd']))[0]).toBe('DAFT: trained+converted+projected trained+converted+projected trained+converted+projected trained+converted+projected | trained');
  });

  it('FT-LP ties each tapped block that trains and fixes BatchNorm', () => {
    expect(marks(method('frozen-k', { frozenBlocks: 3 }, ['ftlp']))[0]).toBe('Frozen-3: frozen frozen frozen trained+bn-fixed+prior | trained');
  });

  it('LEVI keeps the network frozen and marks its last taps', () => {
    const m = method('levi');
    m.levi.taps = 2;
    expect(marks(m)).toEqual(['LEVI: frozen frozen frozen+tap frozen+tap | trained']);
    m.levi.taps = 8; // more than the model has: all of them
    expect(marks(m)[0]).toBe('LEVI: frozen+tap frozen+tap frozen+tap frozen+tap | trained');
  });

  it('draws nothing for a modifier the method refuses (LP + SPD), as validation would refuse it', () => {
    expect(marks(method('lp', {}, ['spd', 'l2sp']))).toEqual(marks(method('lp')));
  });

  it('says the same in words', () => {
    const { text } = methodDiagram(method('frozen-k', { frozenBlocks: 2 }, ['spd']), RESNET);
    expect(text).toContain('Frozen-2: stem and b1 frozen; b2 and b3 train; b2 and b3: SPD projects updates back toward θ₀; new head trains.');
    expect(text).toContain('WiSE-FT (optional, after the run): stem and b1 frozen;');
    expect(methodDiagram(method('lp'), RESNET).text).toBe('LP: all blocks frozen; new head trains.');
    expect(methodDiagram(method('daft'), RESNET).text).toContain('stem, b1, b2 and b3: BatchNorm converted to target statistics');
    expect(methodDiagram(method('levi'), RESNET).text).toBe('LEVI: all blocks frozen; b2 and b3: output feeds LEVI’s ensemble; task model + adapters train.');
    expect(methodDiagram(method('ft'), RESNET).text).toContain('WiSE-FT (optional, after the run): stem, b1, b2 and b3: WiSE-FT blends θ₀ and θ; the head blended from a linear probe’s to the trained one.');
  });

  it('has a fallback layout from the block count alone', () => {
    const layout = genericLayout(3, false);
    expect(layout.blocks.map((b) => b.name)).toEqual(['block 1', 'block 2', 'block 3']);
    const all = methodDiagram(method('daft'), layout).stages.flatMap((s) => s.blocks.flatMap((b) => b.marks));
    expect(all.includes('converted' as BlockMark)).toBe(false);
  });

  it('groups neighbouring blocks with the same mark into one band', () => {
    const blocks = ['tap', '', 'tap', 'tap'].map((m, i) => ({ name: `b${i}`, marks: ['frozen', ...(m ? [m] : [])] as BlockMark[] }));
    expect(markRuns(blocks, 'tap')).toEqual([[0, 0], [2, 3]]);
    expect(markRuns(blocks, 'prior')).toEqual([]);
  });
});
