/**
 * Pretrains a shipped model from its recipe and seed and writes public/models/<id>/
 * (model.json, weights.bin, card.json).
 *   npm run pretrain -- --model resnet-fmnist --seed 1 [--epochs 4] [--limit 5000] [--out dir] [--backend wasm|cpu]
 * --limit and --epochs shorten the run (tests); the shipped models use the recipe's values.
 */
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImageSet } from '../src/engine/data/binaryFormat';
import { splitPath, type SplitId, type DatasetId } from '../src/engine/data/catalog';
import { PIXELS_RGB, toRgbSet, type RgbSet } from '../src/engine/data/targetData';
import { crossEntropy } from '../src/engine/methods/phases';
import { serialiseLayersModel } from '../src/engine/models/modelFiles';
import { variableOf } from '../src/engine/models/network';
import type { ModelCard } from '../src/engine/models/zoo';
import { createRng, permutation } from '../src/engine/rng';
import { Adam } from '../src/engine/training/optimizers';
import { scheduleFactor } from '../src/engine/training/schedule';
import { augmentBatch } from './pretrain/augment';
import { describeAugmentation, RECIPES, type PretrainRecipe } from './pretrain/recipes';
import { useNodeBackend, type NodeBackend } from './node/tfNode';

function readRgb(dataset: DatasetId, splits: SplitId[], limit?: number): RgbSet {
  const sets = splits.map((s) => toRgbSet(decodeImageSet(readFileSync(splitPath(dataset, s)), splitPath(dataset, s))));
  const count = Math.min(limit ?? Infinity, sets.reduce((n, s) => n + s.count, 0));
  const pixels = new Uint8Array(count * PIXELS_RGB);
  const labels = new Uint8Array(count);
  let k = 0;
  for (const s of sets) {
    for (let i = 0; i < s.count && k < count; i++, k++) {
      pixels.set(s.pixels.subarray(i * PIXELS_RGB, (i + 1) * PIXELS_RGB), k * PIXELS_RGB);
      labels[k] = s.labels[i];
    }
  }
  return { count, pixels, labels };
}

function toTensors(pixels: Uint8Array, labels: ArrayLike<number>, count: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const scaled = new Float32Array(count * PIXELS_RGB);
  for (let i = 0; i < scaled.length; i++) scaled[i] = pixels[i] / 255;
  return tf.tidy(() => ({
    x: tf.tensor4d(scaled, [count, 28, 28, 3]),
    y: tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), 10).toFloat() as tf.Tensor2D,
  }));
}

/** Accuracy on `set`, clean or under the recipe's augmentation with a fixed seed. */
export async function sourceAccuracy(model: tf.LayersModel, set: RgbSet, recipe: PretrainRecipe, augmented: boolean): Promise<number> {
  const rng = createRng(7, 'pretrain:augmented-val');
  let correct = 0;
  const B = 250;
  const buffer = new Uint8Array(B * PIXELS_RGB);
  for (let start = 0; start < set.count; start += B) {
    const n = Math.min(B, set.count - start);
    const rows = Array.from({ length: n }, (_, i) => start + i);
    if (augmented) augmentBatch(set, rows, recipe, rng, buffer);
    else buffer.set(set.pixels.subarray(start * PIXELS_RGB, (start + n) * PIXELS_RGB));
    const { x, y } = toTensors(buffer.subarray(0, n * PIXELS_RGB), set.labels.subarray(start, start + n), n);
    const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(model.predict(x) as tf.Tensor, 1), tf.argMax(y, 1)), 'int32')));
    correct += (await hits.data())[0];
    tf.dispose([x, y, hits]);
  }
  return correct / set.count;
}

export interface PretrainOptions { modelId: string; seed: number; epochs?: number; limit?: number; outDir?: string; backend?: NodeBackend; quiet?: boolean }

export async function pretrain(opts: PretrainOptions): Promise<ModelCard> {
  const recipe = RECIPES[opts.modelId];
  if (!recipe) throw new Error(`unknown model "${opts.modelId}" (known: ${Object.keys(RECIPES).join(', ')})`);
  const backend = await useNodeBackend(opts.backend ?? 'wasm');
  const log = (m: string) => { if (!opts.quiet) console.log(m); };
  const epochs = opts.epochs ?? recipe.epochs;
  const train = readRgb(recipe.source.dataset, recipe.source.trainSplits, opts.limit);
  const val = readRgb(recipe.source.dataset, [recipe.source.valSplit], opts.limit ? Math.max(500, Math.round(opts.limit / 5)) : undefined);
  log(`pretrain ${recipe.modelId}: seed ${opts.seed}, ${train.count} source images, ${epochs} epochs, backend ${backend}`);

  const { model, anatomy } = recipe.build(opts.seed);
  const vars = model.trainableWeights.map(variableOf);
  const optimizer = new Adam();
  const B = recipe.batchSize;
  const stepsPerEpoch = Math.floor(train.count / B);
  const totalSteps = stepsPerEpoch * epochs;
  const augRng = createRng(opts.seed, 'pretrain:augment');
  const buffer = new Uint8Array(B * PIXELS_RGB);
  const started = performance.now();
  let step = 0;
  let lossSum: tf.Tensor = tf.scalar(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(train.count, createRng(opts.seed, `pretrain:epoch${epoch}`));
    for (let b = 0; b < stepsPerEpoch; b++, step++) {
      const rows = order.subarray(b * B, (b + 1) * B);
      augmentBatch(train, rows, recipe, augRng, buffer);
      const labels = Array.from(rows, (r) => train.labels[r]);
      const { x, y } = toTensors(buffer, labels, B);
      const lr = recipe.lr * scheduleFactor('cosine', step, totalSteps);
      const loss = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => crossEntropy(model.apply(x, { training: true }) as tf.Tensor2D, y), vars);
        optimizer.apply(vars, grads, lr);
        return value;
      });
      const next = tf.add(lossSum, loss);
      tf.dispose([lossSum, loss, x, y]);
      lossSum = next;
      if ((step + 1) % 50 === 0) {
        const mean = (await lossSum.data())[0] / 50;
        lossSum.dispose();
        lossSum = tf.scalar(0);
        log(`  epoch ${epoch + 1} step ${step + 1}/${totalSteps} loss ${mean.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      }
    }
  }
  lossSum.dispose();
  const seconds = (performance.now() - started) / 1000;
  const clean = await sourceAccuracy(model, val, recipe, false);
  const augmented = await sourceAccuracy(model, val, recipe, true);
  log(`  source accuracy: clean ${(clean * 100).toFixed(2)} %, augmented ${(augmented * 100).toFixed(2)} % on ${val.count} ${recipe.source.valSplit} images`);

  const { modelJson, weights } = await serialiseLayersModel(model);
  const outDir = opts.outDir ?? join('public', 'models', recipe.modelId);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'model.json'), modelJson);
  writeFileSync(join(outDir, 'weights.bin'), weights);
  const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
  const args = [`--model ${recipe.modelId}`, `--seed ${opts.seed}`, ...(opts.epochs ? [`--epochs ${opts.epochs}`] : []), ...(opts.limit ? [`--limit ${opts.limit}`] : [])];
  const card: ModelCard = {
    id: recipe.modelId,
    label: recipe.label,
    architecture: recipe.architecture,
    parameters: model.countParams(),
    anatomy,
    source: {
      dataset: recipe.source.dataset, splits: recipe.source.trainSplits, images: train.count,
      augmentation: describeAugmentation(recipe),
    },
    sourceAccuracy: { clean, augmented, evaluatedOn: `${val.count} images of ${recipe.source.dataset}/${recipe.source.valSplit}` },
    training: { epochs, batchSize: B, optimizer: 'adam, cosine to 0', lr: recipe.lr, seconds: Math.round(seconds), backend },
    command: `npm run pretrain -- ${args.join(' ')}`,
    seed: opts.seed,
    files: {
      'model.json': { bytes: Buffer.byteLength(modelJson), sha256: sha(modelJson) },
      'weights.bin': { bytes: weights.length, sha256: sha(weights) },
    },
    createdWith: `@tensorflow/tfjs ${tf.version.tfjs}`,
  };
  writeFileSync(join(outDir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
  log(`  wrote ${outDir} (${(seconds / 60).toFixed(1)} min)`);
  model.dispose();
  optimizer.dispose();
  return card;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' }, seed: { type: 'string', default: '1' }, epochs: { type: 'string' },
      limit: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string', default: 'wasm' },
    },
  });
  if (!values.model) {
    console.error(`usage: npm run pretrain -- --model <${Object.keys(RECIPES).join('|')}> --seed <n>`);
    process.exit(2);
  }
  pretrain({
    modelId: values.model, seed: Number(values.seed), epochs: values.epochs ? Number(values.epochs) : undefined,
    limit: values.limit ? Number(values.limit) : undefined, outDir: values.out, backend: values.backend as NodeBackend,
  }).catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
}
