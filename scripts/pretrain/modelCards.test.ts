/**
 * The shipped models: files match their cards' checksums, each card matches its model, the zoo
 * lists exactly the shipped models, and the pretraining recipe reproduces the card's figures from
 * the recorded seed (a shortened run; the full run's figures are in the card).
 */
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPretrained } from '../../src/engine/models/pretrained';
import { isBatchNorm } from '../../src/engine/models/network';
import { ZOO, type ModelCard } from '../../src/engine/models/zoo';
import { publicDirReader } from '../node/fileAssets';
import { useNodeBackend } from '../node/tfNode';
import { reproductionCheck } from '../pretrain';
import { RECIPES } from './recipes';

/** The tolerance for re-running the shortened recipe: same backend and seed give identical weights here;
 * another CPU may pick other SIMD kernels, so accuracy is compared to within one percentage point. */
const REPRODUCTION_TOLERANCE = 0.01;

const readCard = (id: string): ModelCard => JSON.parse(readFileSync(join('public/models', id, 'card.json'), 'utf8'));

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('the model zoo', () => {
  it('lists exactly the models shipped under public/models, each with a recipe', () => {
    const shipped = readdirSync('public/models').filter((d) => existsSync(join('public/models', d, 'card.json'))).sort();
    expect(ZOO.map((m) => m.id).sort()).toEqual(shipped);
    for (const m of ZOO) expect(RECIPES[m.id], m.id).toBeDefined();
  });

  describe.each(ZOO.map((m) => [m.id, m] as const))('%s', (id, entry) => {
    it('files match the card\'s checksums and sizes', () => {
      const card = readCard(id);
      for (const [file, meta] of Object.entries(card.files)) {
        const bytes = readFileSync(join('public/models', id, file));
        expect(bytes.length, file).toBe(meta.bytes);
        expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(meta.sha256);
      }
    });

    it('the card matches the model: parameters, anatomy layers, blocks, BatchNorm, source figures', async () => {
      const { model, card } = await loadPretrained(publicDirReader(), id);
      try {
        expect(card.id).toBe(id);
        expect(card.parameters).toBe(model.countParams());
        const names = new Set(model.layers.map((l) => l.name));
        for (const layer of [...card.anatomy.blocks.flatMap((b) => b.layers), card.anatomy.featureLayer, card.anatomy.headLayer, ...card.anatomy.taps]) {
          expect(names.has(layer), layer).toBe(true);
        }
        expect(card.anatomy.blocks.length).toBe(entry.blockCount);
        expect(model.layers.some(isBatchNorm)).toBe(entry.hasBatchNorm);
        expect((model.getLayer(card.anatomy.headLayer).outputShape as number[])[1]).toBe(card.source.classes);
        expect(card.sourceAccuracy.clean).toBeGreaterThan(0.5);
        expect(card.command).toBe(`npm run pretrain -- --model ${id} --seed ${card.seed}`);
      } finally {
        model.dispose();
      }
    });

    it('the recipe reproduces the card\'s shortened-run figures from the recorded seed', async () => {
      const card = readCard(id);
      expect(card.reproduction, 'card has no reproduction check (npm run pretrain -- --model <id> --check-only)').toBeDefined();
      const again = await reproductionCheck(id, card.seed);
      expect(again.command).toBe(card.reproduction!.command);
      expect(Math.abs(again.clean - card.reproduction!.clean)).toBeLessThanOrEqual(REPRODUCTION_TOLERANCE);
      expect(Math.abs(again.augmented - card.reproduction!.augmented)).toBeLessThanOrEqual(REPRODUCTION_TOLERANCE);
      if (again.weightsSha256 !== card.reproduction!.weightsSha256) console.warn(`${id}: same figures, different weight bytes (another CPU's SIMD kernels?)`);
      expect(tf.memory().numTensors).toBeLessThan(1e6);
    }, 180_000);
  });
});
