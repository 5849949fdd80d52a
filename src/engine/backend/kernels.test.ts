/**
 * The replacement kernels compute what the stock ones compute. Stock cpu kernels are the
 * reference: they are captured before our replacements are installed.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { broadcastBinary } from './cpuBroadcastBinary';
import { conv2dFilterGradChannelsLast } from './cpuConvFilterGrad';
import { stridedReduceSum } from './cpuStridedReduce';
import { tileValues } from './wasmTile';

function rand(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

interface ConvCase { x: number[]; f: number[]; stride: number; pad: 'same' | 'valid' }
const CONV_CASES: ConvCase[] = [
  { x: [3, 9, 9, 4], f: [3, 3, 4, 5], stride: 1, pad: 'same' },
  { x: [2, 14, 14, 3], f: [3, 3, 3, 8], stride: 2, pad: 'same' },
  { x: [2, 7, 7, 6], f: [1, 1, 6, 4], stride: 2, pad: 'same' },
  { x: [2, 8, 8, 2], f: [3, 3, 2, 3], stride: 1, pad: 'valid' },
];

/** Conv gradients (dW, dx) and forward output of a random case on the current backend. */
function convGrads(c: ConvCase): { dw: Float32Array; dx: Float32Array } {
  const x = rand(c.x, 1) as tf.Tensor4D;
  const w = rand(c.f, 2) as tf.Tensor4D;
  const g = tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.square(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.stride, c.pad))));
  const [dx, dw] = g([x, w]);
  const out = { dw: dw.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
  tf.dispose([x, w, dx, dw]);
  return out;
}

describe('cpu kernels (pure functions)', () => {
  it('broadcastBinary matches element-wise broadcasting by hand', () => {
    const a = Float32Array.from([1, 2, 3, 4, 5, 6]); // [2,3]
    const b = Float32Array.from([10, 20, 30]); // [3]
    const r = broadcastBinary(a, [2, 3], b, [3], (x, y) => x * y);
    expect(r.shape).toEqual([2, 3]);
    expect(Array.from(r.values)).toEqual([10, 40, 90, 40, 100, 180]);
    const col = broadcastBinary(a, [2, 3], Float32Array.from([1, -1]), [2, 1], (x, y) => x - y);
    expect(Array.from(col.values)).toEqual([0, 1, 2, 5, 6, 7]);
  });

  it('stridedReduceSum sums over any axes', () => {
    const x = Float32Array.from({ length: 24 }, (_, i) => i); // [2,3,4]
    const r = stridedReduceSum(x, [2, 3, 4], [0, 1]);
    expect(r.outShape).toEqual([4]);
    expect(Array.from(r.values)).toEqual([60, 66, 72, 78]);
    const mid = stridedReduceSum(x, [2, 3, 4], [1]);
    expect(Array.from(mid.values)).toEqual([12, 15, 18, 21, 48, 51, 54, 57]);
  });

  it('tileValues repeats along every axis', () => {
    const out = new Float32Array(12);
    tileValues(Float32Array.from([1, 2, 3]), [1, 3], [2, 2], out); // [1,3] → [2,6]
    expect(Array.from(out)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });

  it('conv2dFilterGradChannelsLast equals the definition on a tiny case', () => {
    // x 1×3×3×1 = 1..9, dy 1×3×3×1 all ones, 'same' 3×3 stride 1: dW[i,j] = sum of x over the window shifted by (i-1, j-1)
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dy = new Float32Array(9).fill(1);
    const dw = conv2dFilterGradChannelsLast(x, [1, 3, 3, 1], dy, [1, 3, 3, 1], 3, 3, 1, 1, 1, 1);
    expect(Array.from(dw)).toEqual([12, 21, 16, 27, 45, 33, 24, 39, 28]);
  });
});

describe('replacement kernels agree with the stock cpu kernels', () => {
  const reference: { conv: { dw: Float32Array; dx: Float32Array }[]; bn: Float32Array[] } = { conv: [], bn: [] };
  const bnGrad = () => {
    const x = rand([4, 5, 5, 3], 3);
    const g = tf.grad((xx: tf.Tensor) => {
      const m = tf.moments(xx, [0, 1, 2]);
      return tf.sum(tf.square(tf.batchNorm(xx, m.mean, m.variance, tf.zeros([3]), tf.ones([3]).mul(1.5), 1e-3)));
    });
    const out = g(x).dataSync() as Float32Array;
    x.dispose();
    return out;
  };

  beforeAll(async () => {
    await tf.setBackend('cpu'); // stock kernels, before any replacement is installed
    reference.conv = CONV_CASES.map(convGrads);
    reference.bn = [bnGrad()];
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`${backend}: conv filter and input gradients`, async () => {
      await useNodeBackend(backend);
      CONV_CASES.forEach((c, i) => {
        const got = convGrads(c);
        expect(maxRelDiff(got.dw, reference.conv[i].dw), `dW case ${i}`).toBeLessThan(1e-4);
        expect(maxRelDiff(got.dx, reference.conv[i].dx), `dx case ${i}`).toBeLessThan(1e-4);
      });
    });

    it(`${backend}: BatchNorm gradient (broadcast, reduce, tile)`, async () => {
      await useNodeBackend(backend);
      expect(maxRelDiff(bnGrad(), reference.bn[0])).toBeLessThan(1e-4);
    });
  }

  it('wasm: a batch gather along axis 0 equals the rows picked by hand; other axes still work', async () => {
    await useNodeBackend('wasm');
    const x = rand([6, 2, 3], 5);
    const rows = await x.array() as number[][][];
    const picked = tf.gather(x, tf.tensor1d([4, 0, 4, 5], 'int32'));
    expect(picked.shape).toEqual([4, 2, 3]);
    expect(await picked.array()).toEqual([4, 0, 4, 5].map((i) => rows[i]));
    const byColumn = tf.gather(x, tf.tensor1d([1], 'int32'), 2);
    expect(await byColumn.array()).toEqual(rows.map((r) => r.map((c) => [c[1]])));
    tf.dispose([x, picked, byColumn]);
  });

  it('wasm: a clone shares the data and outlives its source', async () => {
    await useNodeBackend('wasm');
    const x = tf.tensor1d([1, 2, 3]);
    const dataIds = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const before = dataIds();
    const c = tf.clone(x);
    expect(dataIds()).toBe(before); // no new buffer: the clone shares x's data
    x.dispose();
    expect(await c.data()).toEqual(new Float32Array([1, 2, 3]));
    c.dispose();
  });
});

describe('Tile gradient', () => {
  it('equals the stock gradient (sum over repetitions) on every axis pattern', async () => {
    const { installTileGradient } = await import('./tileGradient');
    await tf.setBackend('cpu');
    const cases: [number[], number[]][] = [[[1, 1, 3], [4, 5, 1]], [[2, 3], [3, 2]], [[2, 1, 2, 3], [1, 4, 2, 1]], [[5], [1]]];
    const grad = (shape: number[], reps: number[]) => tf.tidy(() => {
      const x = tf.randomUniform(shape, -1, 1, 'float32', 5);
      const w = tf.randomUniform(shape.map((d, i) => d * reps[i]), -1, 1, 'float32', 6);
      return Array.from(tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.tile(xx, reps), w)))(x).dataSync());
    });
    const stock = cases.map(([s, r]) => grad(s, r));
    installTileGradient();
    cases.forEach(([s, r], i) => expect(maxRelDiff(grad(s, r), stock[i]), `case ${i}`).toBeLessThan(1e-5));
  });
});
