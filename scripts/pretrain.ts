/**
 * Pretrains a shipped model from its recipe and seed and writes public/models/<id>/
 * (model.json, weights.bin, card.json).
 *   npm run pretrain -- --model resnet-broad --seed 1 [--epochs 4] [--limit 5000] [--out dir] [--backend wasm|cpu]
 * --limit and --epochs shorten the run (tests); the shipped models use the recipe's values.
 */
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImageSet } from '../src/engine/data/binaryFormat';
import { splitPath, type SplitId, type DatasetId } from '../src/engine/data/catalog';
import { selectClasses } from '../src/engine/data/classSubset';
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

function readSplits(dataset: DatasetId, splits: SplitId[], labelOffset: number, classes?: number[], maxImages?: number): RgbSet {
  const sets = splits.map((sp) => {
    const set = decodeImageSet(readFileSync(splitPath(dataset, sp)), splitPath(dataset, sp));
    return toRgbSet(classes ? selectClasses(set, classes) : set, maxImages);
  });
  const count = sets.reduce((n, x) => n + x.count, 0);
  const pixels = new Uint8Array(count * PIXELS_RGB);
  const labels = new Uint8Array(count);
  let k = 0;
  for (const x of sets) {
    pixels.set(x.pixels, k * PIXELS_RGB);
    for (let i = 0; i < x.count; i++) labels[k + i] = x.labels[i] + labelOffset;
    k += x.count;
  }
  return { count, pixels, labels };
}

function concatSets(sets: RgbSet[]): RgbSet {
  const count = sets.reduce((n, x) => n + x.count, 0);
  const pixels = new Uint8Array(count * PIXELS_RGB);
  const labels = new Uint8Array(count);
  let k = 0;
  for (const x of sets) { pixels.set(x.pixels, k * PIXELS_RGB); labels.set(x.labels, k); k += x.count; }
  return { count, pixels, labels };
}

/** The source images, and the epoch's index pool (parts with repeat > 1 appear several times). */
function readSource(recipe: PretrainRecipe, limit?: number): { train: RgbSet; pool: Int32Array; vals: { name: string; set: RgbSet }[] } {
  const parts = recipe.source.parts.map((p) => ({ p, set: readSplits(p.dataset, p.trainSplits, p.labelOffset, p.classes, p.maxImages) }));
  const train = concatSets(parts.map((x) => x.set));
  const pool: number[] = [];
  let offset = 0;
  for (const { p, set } of parts) {
    const n = limit ? Math.min(set.count, Math.ceil(limit / parts.length)) : set.count;
    for (let r = 0; r < p.repeat; r++) for (let i = 0; i < n; i++) pool.push(offset + i);
    offset += set.count;
  }
  const vals = recipe.source.parts.map((p) => {
    const set = readSplits(p.dataset, [p.valSplit], p.labelOffset, p.classes);
    const n = limit ? Math.min(set.count, 250) : set.count;
    return { name: `${p.dataset}/${p.valSplit}`, set: { count: n, pixels: set.pixels.subarray(0, n * PIXELS_RGB), labels: set.labels.subarray(0, n) } };
  });
  return { train, pool: Int32Array.from(pool), vals };
}

function toTensors(pixels: Uint8Array, labels: ArrayLike<number>, count: number, numClasses: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  const scaled = new Float32Array(count * PIXELS_RGB);
  for (let i = 0; i < scaled.length; i++) scaled[i] = pixels[i] / 255;
  return tf.tidy(() => ({
    x: tf.tensor4d(scaled, [count, 28, 28, 3]),
    y: tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), numClasses).toFloat() as tf.Tensor2D,
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
    const { x, y } = toTensors(buffer.subarray(0, n * PIXELS_RGB), set.labels.subarray(start, start + n), n, recipe.source.numClasses);
    const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(model.predict(x) as tf.Tensor, 1), tf.argMax(y, 1)), 'int32')));
    correct += (await hits.data())[0];
    tf.dispose([x, y, hits]);
  }
  return correct / set.count;
}

export interface PretrainOptions { modelId: string; seed: number; epochs?: number; limit?: number; outDir?: string; backend?: NodeBackend; quiet?: boolean }

/**
 * The shortened run whose figures every card records: a test re-runs it from the same seed and
 * checks the source accuracy it gets (a full pretraining takes minutes to an hour).
 */
export const REPRODUCTION_CHECK = { epochs: 1, limit: 1024 } as const;

function commandFor(modelId: string, seed: number, epochs?: number, limit?: number): string {
  return ['npm run pretrain --', `--model ${modelId}`, `--seed ${seed}`, ...(epochs ? [`--epochs ${epochs}`] : []), ...(limit ? [`--limit ${limit}`] : [])].join(' ');
}

/** Runs the shortened recipe into a temporary folder and returns its figures. */
export async function reproductionCheck(modelId: string, seed: number, backend?: NodeBackend): Promise<NonNullable<ModelCard['reproduction']>> {
  const dir = mkdtempSync(join(tmpdir(), 'ftp-pretrain-check-'));
  try {
    const quick = await pretrain({ modelId, seed, ...REPRODUCTION_CHECK, outDir: dir, backend, quiet: true });
    return {
      command: quick.command, clean: quick.sourceAccuracy.clean, augmented: quick.sourceAccuracy.augmented,
      weightsSha256: quick.files['weights.bin'].sha256, backend: quick.training.backend,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function pretrain(opts: PretrainOptions): Promise<ModelCard> {
  const recipe = RECIPES[opts.modelId];
  if (!recipe) throw new Error(`unknown model "${opts.modelId}" (known: ${Object.keys(RECIPES).join(', ')})`);
  const backend = await useNodeBackend(opts.backend ?? 'wasm');
  const log = (m: string) => { if (!opts.quiet) console.log(m); };
  const epochs = opts.epochs ?? recipe.epochs;
  const { train, pool, vals } = readSource(recipe, opts.limit);
  log(`pretrain ${recipe.modelId}: seed ${opts.seed}, ${train.count} source images (${pool.length} per epoch), ${epochs} epochs, backend ${backend}`);

  const { model, anatomy } = recipe.build(opts.seed);
  const vars = model.trainableWeights.map(variableOf);
  const optimizer = new Adam();
  const B = recipe.batchSize;
  const stepsPerEpoch = Math.floor(pool.length / B);
  const totalSteps = stepsPerEpoch * epochs;
  const augRng = createRng(opts.seed, 'pretrain:augment');
  const buffer = new Uint8Array(B * PIXELS_RGB);
  const started = performance.now();
  let step = 0;
  let lossSum: tf.Tensor = tf.scalar(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(pool.length, createRng(opts.seed, `pretrain:epoch${epoch}`));
    for (let b = 0; b < stepsPerEpoch; b++, step++) {
      const rows = order.subarray(b * B, (b + 1) * B).map((i) => pool[i]);
      augmentBatch(train, rows, recipe, augRng, buffer);
      const labels = Array.from(rows, (r) => train.labels[r]);
      const { x, y } = toTensors(buffer, labels, B, recipe.source.numClasses);
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
  const perPart: ModelCard['sourceAccuracy']['perPart'] = [];
  for (const v of vals) {
    perPart.push({ part: v.name, images: v.set.count, clean: await sourceAccuracy(model, v.set, recipe, false), augmented: await sourceAccuracy(model, v.set, recipe, true) });
  }
  const valImages = perPart.reduce((n, p) => n + p.images, 0);
  const clean = perPart.reduce((n, p) => n + p.clean * p.images, 0) / valImages;
  const augmented = perPart.reduce((n, p) => n + p.augmented * p.images, 0) / valImages;
  for (const p of perPart) log(`  source accuracy on ${p.part} (${p.images}): clean ${(p.clean * 100).toFixed(2)} %, augmented ${(p.augmented * 100).toFixed(2)} %`);

  const { modelJson, weights } = await serialiseLayersModel(model);
  const outDir = opts.outDir ?? join('public', 'models', recipe.modelId);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'model.json'), modelJson);
  writeFileSync(join(outDir, 'weights.bin'), weights);
  const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
  const card: ModelCard = {
    id: recipe.modelId,
    label: recipe.label,
    architecture: recipe.architecture,
    parameters: model.countParams(),
    anatomy,
    source: {
      classes: recipe.source.numClasses,
      parts: recipe.source.parts.map((p) => ({
        dataset: p.dataset, splits: p.trainSplits, labelOffset: p.labelOffset, repeat: p.repeat,
        ...(p.classes ? { classes: p.classes } : {}), ...(p.maxImages ? { maxImages: p.maxImages } : {}),
      })),
      images: train.count,
      imagesPerEpoch: pool.length,
      augmentation: describeAugmentation(recipe),
    },
    sourceAccuracy: { clean, augmented, evaluatedOn: `${valImages} held-out source images (${vals.map((v) => v.name).join(', ')})`, perPart },
    training: { epochs, batchSize: B, optimizer: 'adam, cosine to 0', lr: recipe.lr, seconds: Math.round(seconds), backend },
    command: commandFor(recipe.modelId, opts.seed, opts.epochs, opts.limit),
    seed: opts.seed,
    files: {
      'model.json': { bytes: Buffer.byteLength(modelJson), sha256: sha(modelJson) },
      'weights.bin': { bytes: weights.length, sha256: sha(weights) },
    },
    createdWith: `@tensorflow/tfjs ${tf.version.tfjs}`,
  };
  model.dispose();
  optimizer.dispose();
  const shipped = !opts.limit && !opts.epochs;
  if (shipped) {
    log(`  reproduction check: ${commandFor(recipe.modelId, opts.seed, REPRODUCTION_CHECK.epochs, REPRODUCTION_CHECK.limit)}`);
    card.reproduction = await reproductionCheck(recipe.modelId, opts.seed, opts.backend);
  }
  writeFileSync(join(outDir, 'card.json'), `${JSON.stringify(card, null, 2)}\n`);
  log(`  wrote ${outDir} (${(seconds / 60).toFixed(1)} min)`);
  return card;
}

/** Adds (or refreshes) the reproduction check of a shipped card without touching its weights. */
async function refreshCheck(modelId: string): Promise<void> {
  const path = join('public', 'models', modelId, 'card.json');
  const card = JSON.parse(readFileSync(path, 'utf8')) as ModelCard;
  card.reproduction = await reproductionCheck(modelId, card.seed);
  writeFileSync(path, `${JSON.stringify(card, null, 2)}\n`);
  console.log(`${path}: reproduction check ${card.reproduction.command} → clean ${(card.reproduction.clean * 100).toFixed(2)} %`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' }, seed: { type: 'string', default: '1' }, epochs: { type: 'string' },
      limit: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string', default: 'wasm' },
      'check-only': { type: 'boolean', default: false },
    },
  });
  if (!values.model) {
    console.error(`usage: npm run pretrain -- --model <${Object.keys(RECIPES).join('|')}> --seed <n>`);
    process.exit(2);
  }
  if (values['check-only']) {
    refreshCheck(values.model).catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
  } else pretrain({
    modelId: values.model, seed: Number(values.seed), epochs: values.epochs ? Number(values.epochs) : undefined,
    limit: values.limit ? Number(values.limit) : undefined, outDir: values.out, backend: values.backend as NodeBackend,
  }).catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
}
