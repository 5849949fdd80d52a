/**
 * The method diagram against the engine: every allowed method × modifier combination is built on
 * the real shipped models in Node (cpu backend, 2 steps) and each mark the diagram draws is checked
 * against what the engine does — the blocks whose weights each phase trains, BatchNorm modes,
 * DAFT's converted layers, SPD's projected layers, L2-SP's penalty, FT-LP's and LEVI's taps, and
 * the blocks that differ from θ0 after training (what WiSE-FT interpolates).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG, METHOD_LR } from '../../engine/config/defaults';
import type { MethodConfig, RunConfig } from '../../engine/config/schema';
import { allowedCombinations, combinationLabel } from '../../engine/methods/allowedCombinations';
import { loadPretrained } from '../../engine/models/pretrained';
import { variableOf, type Network } from '../../engine/models/network';
import { zooEntry, ZOO } from '../../engine/models/zoo';
import type { EvalRecord, RunEvent } from '../../engine/training/events';
import { TrainingSession } from '../../engine/training/session';
import { isZooBatchNormName, layoutFromAnatomy, methodDiagram, type BlockMark, type MethodDiagram } from './methodDiagram';

const TINY: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 32, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 1000,
  shifts: ['rotation'], duration: { unit: 'steps', value: 2 },
  method: { ...DEFAULT_CONFIG.method, lpSteps: 1 },
};

const sorted = (s: Iterable<number>) => [...new Set(s)].sort((a, b) => a - b);
const blocksWith = (d: MethodDiagram, stage: number, mark: BlockMark) =>
  d.stages[stage].blocks.flatMap((b, i) => (b.marks.includes(mark) ? [i] : []));

/**
 * Block of each backbone variable name. Layers after the last block (ViT's final LayerNorm) train
 * exactly when the last block does (Network.backboneWeights), so the diagram counts them in it.
 */
function blockOfVariable(net: Network): Map<string, number> {
  const map = new Map<string, number>();
  for (const layer of net.view.layers) {
    if (layer === net.head) continue;
    const b = net.blockOf(layer.name) ?? net.anatomy.blocks.length - 1;
    for (const w of layer.weights) map.set(variableOf(w).name, b);
  }
  return map;
}

/** Block of a tap or layer named in a diagnostic key ("spd.decayShare:fc1_dense"), the last block for the feature layer. */
function blockOfLayer(net: Network, layer: string): number {
  return net.blockOf(layer) ?? net.anatomy.blocks.length - 1;
}

function diagnosticBlocks(net: Network, record: EvalRecord, prefix: string): number[] {
  return sorted(Object.keys(record.diagnostics).filter((k) => k.startsWith(prefix)).map((k) => blockOfLayer(net, k.slice(prefix.length))));
}

async function check(modelId: string, method: MethodConfig) {
  const config: RunConfig = { ...TINY, model: modelId, method, lr: METHOD_LR[method.kind] };
  const events: RunEvent[] = [];
  const reader = publicDirReader();
  const session = await TrainingSession.open(config, { reader, control: { checkpoint: async () => false }, emit: (e) => { events.push(e); } });
  const fresh = await loadPretrained(reader, modelId);
  try {
    const net = session.ctx.net;
    const layout = layoutFromAnatomy(net.anatomy, (l) => net.batchNormLayers.some((b) => b.name === l));
    const diagram = methodDiagram(method, layout);
    const n = net.anatomy.blocks.length;
    const varBlock = blockOfVariable(net);
    const phases = session.trainingPhases;
    const trainStages = diagram.stages.filter((s) => !s.optional);
    expect(trainStages.map((s) => s.name)).toEqual(phases.map((p) => p.name));

    // DAFT's conversion happened in prepare: the BatchNorm layers that differ from the shipped model's
    const converted = net.batchNormLayers.filter((l) => {
      const now = l.getWeights();
      const was = fresh.model.getLayer(l.name).getWeights();
      return now.some((w, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(w, was[i]))).dataSync()[0]) > 0);
    });
    expect(blocksWith(diagram, 0, 'converted')).toEqual(sorted(converted.map((l) => net.blockOf(l.name)!)));

    phases.forEach((phase, s) => {
      const backbone = phase.groups.filter((g) => g.role === 'backbone').flatMap((g) => g.vars);
      // every trainable backbone weight belongs to a block the diagram can draw
      for (const v of backbone) expect(varBlock.has(v.name), v.name).toBe(true);
      const trained = sorted(backbone.map((v) => varBlock.get(v.name)!));
      expect(blocksWith(diagram, s, 'trained'), `${phase.name}: trained blocks`).toEqual(trained);
      expect(blocksWith(diagram, s, 'frozen'), `${phase.name}: frozen blocks`).toEqual(sorted(Array.from({ length: n }, (_, i) => i).filter((i) => !trained.includes(i))));
      expect(diagram.stages[s].head.marks).toEqual(['trained']);
      expect(phase.groups.some((g) => g.role === 'head' || g.role === 'extra')).toBe(true);
      // BatchNorm kept at the source statistics in a trained block
      const fixed = trained.filter((b) => {
        const bns = net.batchNormLayers.filter((l) => net.blockOf(l.name) === b);
        return bns.length > 0 && bns.every((l) => phase.batchNorm(l.name, b) === 'eval');
      });
      expect(blocksWith(diagram, s, 'bn-fixed'), `${phase.name}: BatchNorm fixed`).toEqual(fixed);
      // L2-SP's penalty covers exactly this phase's backbone
      const l2sp = phase.penalties?.some((p) => p.name === 'l2sp') ? trained : [];
      expect(blocksWith(diagram, s, 'l2sp'), `${phase.name}: L2-SP`).toEqual(l2sp);
      if (l2sp.length) expect(phase.trainsBackbone).toBe(true);
    });

    await session.train();
    const last = events.filter((e): e is Extract<RunEvent, { type: 'eval' }> => e.type === 'eval').at(-1)!.record;
    const union = (mark: BlockMark) => sorted(trainStages.flatMap((_, s) => blocksWith(diagram, s, mark)));
    // SPD reports a decay share for each layer it projected
    expect(union('projected'), 'SPD').toEqual(diagnosticBlocks(net, last, 'spd.decayShare:'));
    // FT-LP reports a learned variance for each tap it ties; the diagram marks those the phase trains
    const ftlpPhases = phases.map((p, s) => (p.lossTerms.some((t) => t.name === 'ftlp') ? s : -1)).filter((s) => s >= 0);
    const ftlpTaps = diagnosticBlocks(net, last, 'ftlp.variance:');
    expect(union('prior'), 'FT-LP').toEqual(sorted(ftlpPhases.flatMap((s) => blocksWith(diagram, s, 'trained').filter((b) => ftlpTaps.includes(b)))));
    // LEVI reports each tap's own accuracy
    expect(union('tap'), 'LEVI').toEqual(diagnosticBlocks(net, last, 'levi.tapAccuracy:'));
    // WiSE-FT blends θ0 and θ: the blocks training moved, and it is offered only where some did
    const moved = sorted(net.allWeights().flatMap((w) => {
      const v = variableOf(w);
      const b = varBlock.get(v.name);
      if (b === undefined) return [];
      const d = tf.tidy(() => tf.max(tf.abs(tf.sub(v, session.ctx.initialWeights.get(v.name)!))).dataSync()[0]);
      return d > 0 ? [b] : [];
    }));
    const wise = diagram.stages.find((s) => s.optional);
    if (wise) expect(wise.blocks.flatMap((b, i) => (b.marks.includes('interpolated') ? [i] : []))).toEqual(moved);
    else expect(method.kind === 'lp' || method.kind === 'levi').toBe(true);
  } finally {
    session.dispose();
    fresh.model.dispose();
  }
}

describe('the method diagram says what the engine does', () => {
  it('names the shipped models\' BatchNorm layers as the real layers are', async () => {
    await useNodeBackend('cpu');
    const reader = publicDirReader();
    for (const entry of ZOO) {
      const { model, card } = await loadPretrained(reader, entry.id);
      try {
        const real = model.layers.filter((l) => l.getClassName() === 'BatchNormalization').map((l) => l.name).sort();
        expect(model.layers.map((l) => l.name).filter(isZooBatchNormName).sort(), entry.id).toEqual(real);
        const layout = layoutFromAnatomy(card.anatomy, isZooBatchNormName);
        expect(layout.blocks.length).toBe(entry.blockCount);
        expect(layout.blocks.some((b) => b.batchNorm)).toBe(entry.hasBatchNorm);
      } finally {
        model.dispose();
      }
    }
  });

  const mlp = zooEntry('mlp-broad')!;
  // every base method alone and FT with each modifier (all 30 combinations took ~2 min on 2 cores)
  const mlpCombos = allowedCombinations(mlp).filter((m) => !combinationLabel(m).includes('+') || /^ft\+[a-z0-9]+$/.test(combinationLabel(m)));
  it('covers every base method and every modifier', () => {
    expect(mlpCombos.length).toBeGreaterThanOrEqual(9);
  });
  it.each(mlpCombos.map((m) => [combinationLabel(m), m] as const))('mlp-broad, %s', async (_label, method) => {
    await useNodeBackend('cpu');
    await check('mlp-broad', method);
  });

  const resnet = zooEntry('resnet-broad')!;
  const some = allowedCombinations(resnet).filter((m) => ['lp', 'frozen-2', 'daft+spd', 'levi', 'lp-ft+l2sp+ftlp'].includes(combinationLabel(m)));
  it.each(some.map((m) => [combinationLabel(m), m] as const))('resnet-broad, %s', async (_label, method) => {
    await useNodeBackend('cpu');
    await check('resnet-broad', method);
  });

  it('vit-broad (no BatchNorm), frozen-2 + FT-LP', async () => {
    await useNodeBackend('cpu');
    const method = structuredClone({ ...DEFAULT_CONFIG.method, kind: 'frozen-k' as const, frozenBlocks: 2 });
    method.ftlp.enabled = true;
    await check('vit-broad', method);
  });
});
