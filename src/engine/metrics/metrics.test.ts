/** The metrics' definitions on small hand-computed cases. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { uploadSet } from '../data/deviceData';
import { Network } from '../models/network';
import { forwardSet, networkInference } from './evaluate';
import { featureDistortion } from './distortion';
import { relativeDrift } from './weightDrift';

beforeAll(async () => { await useNodeBackend('cpu'); });

const num = async (t: tf.Tensor) => { const v = (await t.data())[0]; t.dispose(); return v; };

describe('feature distortion', () => {
  it('l2, relative and cosine match hand computation', async () => {
    // f0 rows: (3,4) and (1,0); ft rows: (3,4)+(0,3) = (3,7) and (0,1)
    const f0 = tf.tensor2d([[3, 4], [1, 0]]);
    const ft = tf.tensor2d([[3, 7], [0, 1]]);
    const d = featureDistortion(ft, f0);
    // ‖Δ‖: 3 and √2 → mean (3 + √2)/2; relative: 3/5 and √2/1; cosine: (9+28)/(5·√58) and 0
    expect(await num(d.l2)).toBeCloseTo((3 + Math.SQRT2) / 2, 5);
    expect(await num(d.relative)).toBeCloseTo((3 / 5 + Math.SQRT2) / 2, 5);
    expect(await num(d.cosine)).toBeCloseTo((37 / (5 * Math.sqrt(58)) + 0) / 2, 5);
    tf.dispose([f0, ft]);
  });

  it('is zero distortion and cosine 1 for identical features', async () => {
    const f = tf.tensor2d([[1, 2, 3], [-1, 0, 2]]);
    const d = featureDistortion(f, f);
    expect(await num(d.l2)).toBe(0);
    expect(await num(d.cosine)).toBeCloseTo(1, 6);
    f.dispose();
  });
});

describe('weight drift', () => {
  it('is ‖W−W0‖_F/‖W0‖_F over all of a layer\'s weights', async () => {
    const w0 = [tf.tensor1d([3, 0]), tf.tensor1d([4])]; // ‖W0‖ = 5
    const w = [tf.tensor1d([3, 1]), tf.tensor1d([6])]; // Δ = (0,1,2) → √5
    expect(await num(relativeDrift(w, w0))).toBeCloseTo(Math.sqrt(5) / 5, 6);
    tf.dispose([...w0, ...w]);
  });

  it('reports the absolute change when W0 is all zeros (zero-initialised head)', async () => {
    const w0 = [tf.zeros([2])];
    const w = [tf.tensor1d([3, 4])];
    expect(await num(relativeDrift(w, w0))).toBeCloseTo(5, 6);
    tf.dispose([...w0, ...w]);
  });
});

describe('accuracy', () => {
  it('counts argmax hits across uneven eval batches, with probe features from the first rows', async () => {
    // a real network whose zero-initialised head always predicts class 0
    const input = tf.input({ shape: [28, 28, 3] });
    const features = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(input) as tf.SymbolicTensor;
    const base = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 10, name: 'head' }).apply(features) as tf.SymbolicTensor });
    const net = new Network(base, { inputShape: [28, 28, 3], blocks: [], featureLayer: 'features', headLayer: 'head', taps: [] }, { numClasses: 10, headInit: 'zeros', seed: 0 });
    const labels = Uint8Array.from([0, 9, 0, 3, 0]);
    const pixels = new Uint8Array(5 * 2352);
    [0, 51, 102, 153, 204].forEach((v, i) => pixels.fill(v, i * 2352, (i + 1) * 2352));
    const set = uploadSet({ count: 5, pixels, labels }, 10);
    const r = forwardSet(networkInference(net), set, 3, 2);
    expect(await num(r.correct)).toBe(3);
    // features of a constant image are its (R, G, B) means = v/255
    expect(Array.from(await r.features!.data()).map((x) => Math.round(x * 255))).toEqual([0, 0, 0, 51, 51, 51, 102, 102, 102]);
    r.features!.dispose();
    tf.dispose([set.x, set.y, set.yOneHot]);
    net.dispose();
  });
});
