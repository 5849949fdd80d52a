/** Measure backends' timing on the engine's own session (Node, wasm): what it times, and what it leaves behind. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../config/defaults';
import { measurementConfig, measureSteps } from './measureSteps';

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('measureSteps', () => {
  it('times an FT step of the chosen model at its batch size, with the smallest evaluation', () => {
    const config = measurementConfig({ ...DEFAULT_CONFIG, model: 'mlp-broad', batchSize: 48, method: { ...DEFAULT_CONFIG.method, kind: 'lp-ft' } }, 5);
    expect(config.method.kind).toBe('ft');
    expect(config.model).toBe('mlp-broad');
    expect(config.batchSize).toBe(48);
    expect(config.duration).toEqual({ unit: 'steps', value: 7 });
    expect([config.evalSize, config.probeSize, config.shifts.length]).toEqual([32, 16, 1]);
  });

  it('reports the first step apart, then the mean of the steps after it, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const timing = await measureSteps({ ...DEFAULT_CONFIG, model: 'mlp-broad', trainSize: 256, batchSize: 32 }, { reader: publicDirReader() }, { maxSteps: 3, minMs: 60_000 });
    expect(timing.stepsTimed).toBe(3);
    expect(timing.firstStepMs).toBeGreaterThan(0);
    expect(timing.msPerStep).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops once enough time has passed', async () => {
    const timing = await measureSteps({ ...DEFAULT_CONFIG, model: 'mlp-broad', trainSize: 256, batchSize: 32 }, { reader: publicDirReader() }, { maxSteps: 5, minMs: 0 });
    expect(timing.stepsTimed).toBe(1);
  });
});
