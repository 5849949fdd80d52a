/**
 * TrainingSession.exportModel: the fine-tuned network (image → logits) written as TF.js layers
 * files loads back as a model that predicts exactly what the session's network predicts.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../config/defaults';
import type { RunConfig } from '../config/schema';
import type { RunEvent } from './events';
import { TrainingSession } from './session';

const TINY: RunConfig = {
  ...DEFAULT_CONFIG,
  model: 'mlp-broad', trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 1000,
  shifts: ['rotation'], duration: { unit: 'steps', value: 3 },
};
const host = () => ({ reader: publicDirReader(), control: { checkpoint: async () => false }, emit: (_e: RunEvent) => undefined });

describe('exporting the fine-tuned network', () => {
  it('writes model.json + weights.bin that load back and predict the same logits', async () => {
    await useNodeBackend('cpu');
    const session = await TrainingSession.open(TINY, host());
    try {
      await session.train();
      const { modelJson, weights } = await session.exportModel();
      const json = JSON.parse(modelJson);
      expect(json.format).toBe('layers-model');
      expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
      const loaded = await tf.loadLayersModel(tf.io.fromMemory({
        modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: weights.slice().buffer,
      }));
      const x = session.ctx.data.test.x.slice([0, 0, 0, 0], [8, -1, -1, -1]);
      const expected = session.ctx.net.predict(x);
      const got = loaded.predict(x) as tf.Tensor;
      expect(got.shape).toEqual([8, 10]);
      const diff = (await tf.max(tf.abs(tf.sub(got, expected))).data())[0];
      expect(diff).toBeLessThan(1e-5);
      tf.dispose([x, expected, got]);
      loaded.dispose();
    } finally {
      session.dispose();
    }
  });

  it('refuses LEVI, whose prediction is not one network', async () => {
    await useNodeBackend('cpu');
    const session = await TrainingSession.open({ ...TINY, method: { ...TINY.method, kind: 'levi' }, lr: 1e-3 }, host());
    try {
      await session.train();
      await expect(session.exportModel()).rejects.toThrow(/LEVI .*cannot be saved as one layers model/);
    } finally {
      session.dispose();
    }
  });
});
