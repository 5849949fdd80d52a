/**
 * Every shipped broad-source model fine-tunes on every target dataset (Node, wasm): a short run on
 * real Fashion-MNIST clothing and on real MNIST digits completes with finite losses and an ID
 * accuracy well above chance (10 %), which shows the pretrained features carry over to both targets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../config/defaults';
import { DATASET_IDS } from '../data/catalog';
import { runTraining } from './run';

const MODELS = ['resnet-broad', 'vit-broad', 'mlp-broad'];

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('every shipped model on every target dataset', () => {
  it.each(MODELS.flatMap((model) => DATASET_IDS.map((dataset) => [model, dataset] as const)))('%s fine-tunes on %s', async (model, dataset) => {
    const summary = await runTraining({
      ...DEFAULT_CONFIG, model, dataset, method: { ...DEFAULT_CONFIG.method, kind: 'lp' }, lr: 3e-2,
      trainSize: 256, batchSize: 32, evalSize: 100, probeSize: 32, evalEvery: 30,
      shifts: ['rotation'], duration: { unit: 'steps', value: 30 },
    }, { reader: publicDirReader(), control: { checkpoint: async () => false }, emit: () => undefined });
    expect(summary.status).toBe('completed');
    expect(summary.last!.idAcc).toBeGreaterThan(0.5);
  }, 120_000);
});
