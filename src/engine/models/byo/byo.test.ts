/**
 * Bring your own model, in Node: every fixture opens as expected (the usable ones with the right
 * input, head, split points, BatchNorm layers and blocks; each broken one with its own problem),
 * the input adapter computes what it says, and user models train through TrainingSession.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BYO_FIXTURES, writeByoFixtures, type ByoFixtureName } from '../../../../scripts/fixtures/byoFixtures';
import { publicDirReader } from '../../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../../scripts/node/tfNode';
import { DEFAULT_CONFIG, METHOD_LR } from '../../config/defaults';
import { zooLookup } from '../../config/modelLookup';
import type { MethodKind, RunConfig } from '../../config/schema';
import { validateConfig } from '../../config/validate';
import type { RunEvent } from '../../training/events';
import { runTraining } from '../../training/run';
import { adaptTopology } from './adapter';
import { artifactsFromFiles, type ModelFileMap } from './files';
import { cutPoints, groupBlocks, pathLayers, type GraphLayer } from './graph';
import { describeInput } from './inputShape';
import { checkUploadSizes } from './limits';
import { loadModelFiles } from './load';
import { ModelProblem } from './problem';
import { CustomModelRegistry } from './registry';
import { openCustomModel } from './source';
import type { ModelInspection } from './types';

let root = '';
let dirs: Record<ByoFixtureName, string>;

function readFixture(name: ByoFixtureName): ModelFileMap {
  const files: ModelFileMap = {};
  for (const f of readdirSync(dirs[name])) files[f] = new Uint8Array(readFileSync(join(dirs[name], f)));
  return files;
}

async function problemOf(files: ModelFileMap): Promise<ModelProblem> {
  try {
    await openCustomModel(files);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelProblem);
    return e as ModelProblem;
  }
  throw new Error('the model opened, but a problem was expected');
}

beforeAll(async () => {
  await useNodeBackend('wasm');
  root = mkdtempSync(join(tmpdir(), 'byo-fixtures-'));
  dirs = await writeByoFixtures(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('inspection of the usable fixtures', () => {
  let cnn: ModelInspection;
  beforeAll(async () => { cnn = (await openCustomModel(readFixture('cnn'))).inspection; });

  it('CNN: grey 28×28 input, Dense head with 10 classes behind a softmax, the head\'s input as features', () => {
    expect(cnn.format).toBe('functional');
    expect(cnn.input).toMatchObject({ modelShape: [28, 28, 1], layout: 'image', channels: 1, height: 28, width: 28 });
    expect(cnn.input.steps).toEqual(['RGB → grey (mean of the 3 channels)']);
    expect(cnn.head).toMatchObject({ layer: 'classifier', units: 10, after: ['probs'] });
    expect(cnn.defaultFeatureLayer).toBe('fc');
    expect(cnn.batchNormLayers).toEqual(['stem_bn', 'res_bn1', 'res_bn2', 'down_bn']);
    expect(cnn.params).toEqual({ total: 3450, trainable: 3370 });
  });

  it('CNN: split points are the rank-2 layers on the main path, each with its own blocks; the residual block stays whole', () => {
    expect(cnn.candidates.map((c) => c.layer)).toEqual(['gap', 'fc']);
    const fc = cnn.candidates[1];
    expect(fc.anatomy.blocks.map((b) => b.layers)).toEqual([
      ['stem_conv', 'stem_bn', 'stem_relu'],
      ['res_conv1', 'res_bn1', 'res_relu1', 'res_conv2', 'res_bn2', 'res_add', 'res_relu2', 'pool'],
      ['down_conv', 'down_bn', 'down_relu', 'gap'],
      ['fc'],
    ]);
    expect(fc.anatomy.taps).toEqual(['stem_relu', 'pool', 'gap', 'fc']);
    expect(fc.anatomy).toMatchObject({ featureLayer: 'fc', headLayer: 'classifier', inputShape: [28, 28, 3] });
    expect(fc.units).toBe(32);
    const gap = cnn.candidates[0];
    expect(gap.anatomy.blocks).toHaveLength(3);
    expect(gap.dropped).toEqual(['fc']);
    expect(gap.batchNormLayers).toHaveLength(4);
  });

  it('MLP: a flat 784 input is a grey 28×28 image flattened; Sequential; candidates fc1 and fc2', async () => {
    const mlp = (await openCustomModel(readFixture('mlp'))).inspection;
    expect(mlp.format).toBe('sequential');
    expect(mlp.input).toMatchObject({ modelShape: [784], layout: 'flat', channels: 1, height: 28, width: 28 });
    expect(mlp.head).toMatchObject({ layer: 'logits', units: 10, after: [] });
    expect(mlp.defaultFeatureLayer).toBe('fc2');
    expect(mlp.candidates.map((c) => [c.layer, c.anatomy.blocks.length])).toEqual([['fc1', 1], ['fc2', 2]]);
    expect(mlp.batchNormLayers).toEqual([]);
  });
});

describe('each broken fixture fails with its own problem, naming what is wrong', () => {
  const expectations: [ByoFixtureName, RegExp][] = [
    ['not-json', /model\.json is not valid JSON/],
    ['graph-model', /graph model/],
    ['missing-weights', /group1-shard1of1\.bin, which was not given/],
    ['weights-size', /group1-shard1of1\.bin holds .*210500 bytes.*210600 bytes/],
    ['no-dense-head', /GlobalAveragePooling2D layer "gap", not a Dense layer/],
    ['input-rank', /\[null, 10, 7\]/],
    ['unknown-layer', /layer "res_conv2" is a FancyConv2D/],
    ['oversized', /model\.json is 6\.0 MB; the limit is 5\.0 MB/],
  ];
  it.each(expectations)('%s', async (name, message) => {
    const problem = await problemOf(readFixture(name));
    expect(problem.code).toBe(BYO_FIXTURES[name]);
    expect(problem.message).toMatch(message);
  });

  it('a JSON file without modelTopology is not a layers model', async () => {
    const p = await problemOf({ 'model.json': new TextEncoder().encode('{"name": "not a model"}') });
    expect(p.code).toBe('not-layers-model');
    expect(p.message).toMatch(/no modelTopology/);
  });

  it('no model.json at all', async () => {
    expect((await problemOf({ 'weights.bin': new Uint8Array(4) })).code).toBe('no-model-json');
  });

  it('more than 20 M parameters, read from the manifest before anything is loaded', async () => {
    const json = JSON.parse(new TextDecoder().decode(readFixture('mlp')['model.json'])) as { weightsManifest: { weights: { shape: number[] }[] }[] };
    json.weightsManifest[0].weights[0].shape = [5000, 5000];
    const p = await problemOf({ 'model.json': new TextEncoder().encode(JSON.stringify(json)) });
    expect(p.code).toBe('oversized');
    expect(p.message).toMatch(/25\.0 M parameters; the limit is 20 M/);
  });

  it('uploads over 200 MB are refused from their sizes alone', () => {
    expect(() => checkUploadSizes([{ name: 'model.json', size: 1000 }, { name: 'a.bin', size: 150e6 }, { name: 'b.bin', size: 100e6 }], 'model.json'))
      .toThrow(/add up to 238\.4 MB; the limit is 200\.0 MB/);
  });
});

describe('input shapes', () => {
  it('accepts images, square grey images and flattened square images, and says why not otherwise', () => {
    expect(describeInput([null, 32, 32, 3]).steps).toEqual(['resize 28×28 → 32×32 (bilinear)']);
    expect(describeInput([null, 28, 28, 3]).steps).toEqual([]);
    expect(describeInput([null, null, null, 3])).toMatchObject({ height: 28, width: 28, steps: [] });
    expect(describeInput([null, 28, 28])).toMatchObject({ layout: 'grey2d', channels: 1 });
    expect(describeInput([null, 3072])).toMatchObject({ layout: 'flat', height: 32, channels: 3 });
    const code = (shape: (number | null)[]) => { try { describeInput(shape); return 'ok'; } catch (e) { return (e as ModelProblem).code; } };
    expect(code([null, 1000])).toBe('input-rank');
    expect(code([null, 28, 28, 4])).toBe('input-shape');
    expect(code([null, 4, 4, 3])).toBe('input-shape');
    expect(code([null, 8, 8, 8, 1])).toBe('input-rank');
  });
});

describe('layer graph', () => {
  const g = (name: string, inputs: string[], params = 1, className = 'Conv2D'): GraphLayer => ({ name, inputs, params, className });
  // in → a → {b → c} + a → add → d, plus a dead-end branch off a that does not reach the output
  const graph = new Map([
    g('in', [], 0, 'InputLayer'), g('a', ['in']), g('b', ['a']), g('c', ['b']), g('add', ['a', 'c'], 0, 'Add'),
    g('d', ['add']), g('aux', ['a']),
  ].map((l) => [l.name, l]));

  it('cut points skip the layers inside a residual branch', () => {
    const order = pathLayers(graph, 'in', 'd');
    expect(order).toEqual(['in', 'a', 'b', 'c', 'add', 'd']);
    expect([...cutPoints(graph, order)]).toEqual(['in', 'a', 'add', 'd']);
  });

  it('blocks start at weighted layers and keep the branch with its merge', () => {
    const order = pathLayers(graph, 'in', 'd');
    expect(groupBlocks(graph, order, cutPoints(graph, order), 'd').map((b) => b.layers)).toEqual([['a'], ['b', 'c', 'add'], ['d']]);
  });
});

describe('the input adapter', () => {
  const x = () => tf.randomUniform([2, 28, 28, 3], 0, 1, 'float32', 7) as tf.Tensor4D;

  it('feeds a grey flat MLP the mean of the channels, flattened (same output as the original on that input)', async () => {
    const files = readFixture('mlp');
    const original = await loadModelFiles(files);
    const adapted = await loadModelFiles(files, (await openCustomModel(files)).inspection.input);
    expect(adapted.inputs[0].shape).toEqual([null, 28, 28, 3]);
    const [want, got] = tf.tidy(() => {
      const input = x();
      return [original.predict(tf.reshape(tf.mean(input, 3), [2, 784])) as tf.Tensor, adapted.predict(input) as tf.Tensor];
    });
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(want, got))).dataSync()[0])).toBeLessThan(1e-5);
    tf.dispose([want, got]);
    original.dispose();
    adapted.dispose();
  });

  it('resizes for a 32×32×3 functional model', async () => {
    const input = tf.input({ shape: [32, 32, 3] });
    const conv = tf.layers.conv2d({ filters: 4, kernelSize: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }).apply(input) as tf.SymbolicTensor;
    const pooled = tf.layers.globalAveragePooling2d({}).apply(conv) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3 }).apply(pooled) as tf.SymbolicTensor });
    const topology = adaptTopology(model.toJSON(null, false) as Record<string, unknown>, describeInput([null, 32, 32, 3]));
    const adapted = await tf.models.modelFromJSON({ modelTopology: topology } as Parameters<typeof tf.models.modelFromJSON>[0]);
    adapted.setWeights(model.getWeights());
    const [want, got] = tf.tidy(() => {
      const images = x();
      return [model.predict(tf.image.resizeBilinear(images, [32, 32])) as tf.Tensor, adapted.predict(images) as tf.Tensor];
    });
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(want, got))).dataSync()[0])).toBeLessThan(1e-5);
    tf.dispose([want, got]);
    model.dispose();
    adapted.dispose();
  });

  it('builds artifacts whose weights match the files byte for byte', () => {
    const files = readFixture('cnn');
    const check = artifactsFromFiles(files);
    expect(check.weightBytes).toBe(files['weights.bin'].length);
    expect(new Uint8Array(check.artifacts.weightData as ArrayBuffer)).toEqual(files['weights.bin']);
  });
});

describe('user models train through TrainingSession', () => {
  const TINY: RunConfig = {
    ...DEFAULT_CONFIG,
    trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 3,
    shifts: ['rotation'], duration: { unit: 'steps', value: 3 },
  };
  const registry = new CustomModelRegistry();
  const lookup = (id: string) => zooLookup(id) ?? registry.lookup(id);
  beforeAll(async () => {
    await registry.register('custom:cnn', readFixture('cnn'));
    await registry.register('custom:cnn-gap', readFixture('cnn'), 'gap');
    await registry.register('custom:mlp', readFixture('mlp'));
    await registry.settled();
  });

  const train = async (model: string, kind: MethodKind, frozenBlocks = 1) => {
    const validation = validateConfig({ ...TINY, model, lr: METHOD_LR[kind], method: { ...TINY.method, kind, frozenBlocks } }, lookup);
    if (!validation.ok) throw new Error(validation.errors.map((e) => e.message).join('; '));
    const events: RunEvent[] = [];
    const before = tf.memory().numTensors;
    const summary = await runTraining(validation.config, {
      reader: publicDirReader(), control: { checkpoint: async () => false }, emit: (e) => { events.push(e); },
      models: (id) => registry.resolve(id),
    });
    expect(tf.memory().numTensors).toBe(before);
    return { summary, events };
  };

  it.each([
    ['custom:cnn', 'ft'], ['custom:cnn', 'frozen-k'], ['custom:cnn', 'daft'], ['custom:cnn', 'levi'],
    ['custom:cnn-gap', 'frozen-k'], ['custom:mlp', 'ft'], ['custom:mlp', 'frozen-k'],
  ] as const)('%s trains 3 steps with %s', async (model, kind) => {
    const { summary, events } = await train(model, kind);
    expect(summary.status).toBe('completed');
    expect(summary.stepsDone).toBe(3);
    expect(Number.isFinite(summary.last!.idAcc)).toBe(true);
    const info = events.find((e): e is Extract<RunEvent, { type: 'info' }> => e.type === 'info')!.info;
    // Frozen-1 trains fewer weights than the whole network
    if (kind === 'frozen-k') expect(info.parameters.trainable).toBeLessThan(info.parameters.total);
  });

  it('validation knows the user models: blocks for Frozen-k, BatchNorm for DAFT', () => {
    const check = (model: string, kind: MethodKind, frozenBlocks = 1) =>
      validateConfig({ ...TINY, model, method: { ...TINY.method, kind, frozenBlocks } }, lookup);
    expect(check('custom:cnn', 'frozen-k', 4).ok).toBe(true);
    expect(check('custom:cnn', 'frozen-k', 5).ok).toBe(false);
    expect(check('custom:cnn-gap', 'frozen-k', 4).ok).toBe(false);
    expect(check('custom:mlp', 'daft').ok).toBe(false);
    expect(check('custom:unknown', 'ft').ok).toBe(false);
  });

  it('a registration that fails is recorded with its problem and resolves to nothing', async () => {
    await registry.register('custom:broken', readFixture('unknown-layer')).catch(() => undefined);
    await registry.settled();
    expect(registry.problem('custom:broken')?.code).toBe('unknown-layer');
    expect(registry.resolve('custom:broken')).toBeUndefined();
    expect(registry.lookup('custom:broken')).toBeUndefined();
  });
});
