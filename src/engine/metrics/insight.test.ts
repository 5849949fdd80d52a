/**
 * See inside on real tensors: PCA recovers the known axes of a hand-made point cloud, confusion
 * counts match a hand-made case, and in a real run (shipped model, real MNIST, wasm) the step-0
 * projection equals the pretrained points while the counts agree with the evaluation's accuracy.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { DEFAULT_CONFIG } from '../config/defaults';
import type { RunConfig } from '../config/schema';
import { uploadSet, disposeSet } from '../data/deviceData';
import type { DeviceData } from '../methods/types';
import type { EvalRecord, RunEvent } from '../training/events';
import { runTraining } from '../training/run';
import { confusionCounts, fitPca, InsightProbe, pickGridRows, projectRows, symmetricEigen } from './insight';
import type { InsightFrame, InsightRecord } from './insightTypes';

beforeAll(async () => { await useNodeBackend('wasm'); });

const unit = (v: number[]) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
const dotArr = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);

describe('PCA', () => {
  it('recovers the known axes, variances and centre of a hand-made point cloud', () => {
    // 5-D cloud around a centre: ±3 along u1, ±2 along u2, ±0.5 along u3 (symmetric, so the
    // covariance's eigenvectors are exactly u1, u2, u3 with variances 9/3, 4/3, 0.25/3)
    const u1 = unit([1, 2, 0, -1, 0.5]);
    const raw2 = [2, -1, 1, 0, 0];
    const u2 = unit(raw2.map((x, i) => x - dotArr(raw2, u1) * u1[i]));
    const raw3 = [0, 0, 1, 1, 1];
    const u3p = raw3.map((x, i) => x - dotArr(raw3, u1) * u1[i] - dotArr(raw3, u2) * u2[i]);
    const u3 = unit(u3p);
    const centre = [10, -4, 3, 0, 7];
    const rows: number[] = [];
    for (const [u, a] of [[u1, 3], [u2, 2], [u3, 0.5]] as const) {
      for (const s of [1, -1]) rows.push(...centre.map((c, i) => c + s * a * u[i]));
    }
    const pca = fitPca(rows, 6, 5, 2);
    expect(Array.from(pca.mean).map((m) => Number(m.toFixed(9)))).toEqual(centre);
    expect(Math.abs(dotArr(pca.axes[0], u1))).toBeCloseTo(1, 9);
    expect(Math.abs(dotArr(pca.axes[1], u2))).toBeCloseTo(1, 9);
    expect(dotArr(pca.axes[0], pca.axes[1])).toBeCloseTo(0, 9);
    expect(pca.variances[0]).toBeCloseTo(9 * 2 / 6, 9);
    expect(pca.variances[1]).toBeCloseTo(4 * 2 / 6, 9);
    expect(pca.totalVariance).toBeCloseTo((9 + 4 + 0.25) * 2 / 6, 9);
    // the points project onto (±3, 0) and (0, ±2); the u3 pair onto the origin
    const p = projectRows(pca, rows, 6).map((v) => Math.abs(Number(v.toFixed(9))));
    expect(p).toEqual([3, 0, 3, 0, 0, 2, 0, 2, 0, 0, 0, 0]);
    // deterministic sign: each axis's largest-magnitude entry is positive
    for (const axis of pca.axes) {
      const big = Array.from(axis).reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
      expect(big).toBeGreaterThan(0);
    }
  });

  it('handles wide features (more dimensions than points) and a degenerate cloud', () => {
    // 4 points in 50-D along two known directions
    const dim = 50;
    const e = (k: number) => Array.from({ length: dim }, (_, i) => (i === k ? 1 : 0));
    const rows = [...e(7).map((x) => 5 * x), ...e(7).map((x) => -5 * x), ...e(30).map((x) => x), ...e(30).map((x) => -x)];
    const pca = fitPca(rows, 4, dim);
    expect(Math.abs(pca.axes[0][7])).toBeCloseTo(1, 9);
    expect(Math.abs(pca.axes[1][30])).toBeCloseTo(1, 9);
    const flat = fitPca(new Array(3 * 4).fill(2), 3, 4);
    expect(flat.totalVariance).toBe(0);
    expect(projectRows(flat, new Array(3 * 4).fill(2), 3)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('symmetricEigen sorts eigenpairs of a small matrix', () => {
    const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0][0])).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe('grid rows and confusion counts', () => {
  it('picks the first row of each class, in class order, topped up with the earliest rows', () => {
    expect(pickGridRows([3, 1, 1, 0, 2, 0], 6, 4, 10)).toEqual([3, 1, 4, 0, 2, 5]);
    expect(pickGridRows([3, 1, 1, 0, 2, 0], 6, 4, 3)).toEqual([3, 1, 4]);
    // rows past the evaluation count are never picked
    expect(pickGridRows([1, 1, 0], 2, 2, 10)).toEqual([0, 1]);
  });

  it('counts true × predicted on a hand-made case', async () => {
    const labels = tf.oneHot(tf.tensor1d([0, 0, 1, 2, 2, 2], 'int32'), 3).toFloat() as tf.Tensor2D;
    const predicted = tf.tensor1d([0, 1, 1, 2, 0, 2], 'int32');
    const c = confusionCounts(labels, predicted, 3);
    expect(Array.from(await c.data())).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 2]);
    tf.dispose([labels, predicted, c]);
  });

  it('packs points, grid predictions and confusion into one tensor and decodes them', async () => {
    const before = tf.memory().numTensors;
    // 4 test images of classes 0,1,1,0, one shift; features 3-D; probe 2 ID rows and 2 OOD rows
    const set = (labels: number[]) => uploadSet({ count: labels.length, pixels: new Uint8Array(labels.length * 2352), labels: Uint8Array.from(labels) }, 2);
    const data: DeviceData = {
      numClasses: 2, train: set([0, 1]), val: set([0, 1]), test: set([0, 1, 1, 0]),
      ood: [{ shift: 'rotation', set: set([0, 1, 1, 0]) }], probeRows: { id: 2, perShift: 2 },
    };
    const pretrained = { id: tf.tensor2d([[1, 0, 0], [-1, 0, 0]]), ood: tf.tensor2d([[0, 2, 0], [0, -2, 0]]) };
    const probe = await InsightProbe.create(pretrained, data);
    expect(probe.frame.domains).toEqual(['id', 'rotation']);
    expect(probe.frame.probeLabels).toEqual([0, 1, 0, 1]);
    expect(probe.frame.gridRows).toEqual([0, 1, 2, 3]);
    expect(probe.frame.gridLabels).toEqual([0, 1, 1, 0]);
    // variance 2 along y (the OOD pair), 0.5 along x: y is the first axis
    expect(probe.frame.explained[0]).toBeCloseTo(0.8, 6);
    expect(probe.frame.pretrained.map((v) => Math.abs(Math.round(v * 1e6) / 1e6))).toEqual([0, 1, 0, 1, 2, 0, 2, 0]);
    const packed = tf.tidy(() => probe.compute({
      idFeatures: pretrained.id, oodFeatures: pretrained.ood,
      predictions: [tf.tensor1d([0, 1, 0, 0], 'int32'), tf.tensor1d([1, 1, 1, 1], 'int32')],
    }));
    expect(packed.shape).toEqual([probe.size]);
    const record = probe.decode(await packed.data(), 7);
    packed.dispose();
    expect(record.step).toBe(7);
    expect(record.points.map((v, i) => v - probe.frame.pretrained[i]).every((d) => Math.abs(d) < 1e-6)).toBe(true);
    expect(record.gridPredictions).toEqual([[0, 1, 0, 0], [1, 1, 1, 1]]);
    // ID: true 0 → predicted 0, 0; true 1 → 1, 0. Rotation: everything predicted 1
    expect(record.confusion).toEqual([[2, 0, 1, 1], [0, 2, 0, 2]]);
    probe.dispose();
    tf.dispose([pretrained.id, pretrained.ood]);
    for (const s of [data.train, data.val, data.test, data.ood[0].set]) disposeSet(s);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('See inside in a real run', () => {
  it('emits the frame once, a record per evaluation; step 0 projects onto the pretrained points; counts match accuracy', async () => {
    const config: RunConfig = {
      ...DEFAULT_CONFIG,
      trainSize: 128, batchSize: 32, evalSize: 64, probeSize: 32, evalEvery: 5,
      shifts: ['rotation', 'inversion'], duration: { unit: 'steps', value: 10 },
    };
    const events: RunEvent[] = [];
    const before = tf.memory().numTensors;
    await runTraining(config, { reader: publicDirReader(), control: { checkpoint: async () => false }, emit: (e) => events.push(e) });
    expect(tf.memory().numTensors).toBe(before);

    const frames = events.flatMap((e) => (e.type === 'insight-frame' ? [e.frame] : []));
    const records = events.flatMap((e) => (e.type === 'insight' ? [e.insight] : []));
    const evals = events.flatMap((e) => (e.type === 'eval' ? [e.record] : []));
    expect(frames).toHaveLength(1);
    const frame: InsightFrame = frames[0];
    // the frame comes before the first evaluation; each evaluation is followed by its record
    expect(events.findIndex((e) => e.type === 'insight-frame')).toBeLessThan(events.findIndex((e) => e.type === 'eval'));
    expect(records.map((r) => r.step)).toEqual(evals.map((r) => r.step));
    expect(records.map((r) => r.step)).toEqual([0, 5, 10]);

    expect(frame.domains).toEqual(['id', 'rotation', 'inversion']);
    expect(frame.probeCounts).toEqual([32, 16, 16]);
    expect(frame.pretrained).toHaveLength(64 * 2);
    expect(frame.explained[0]).toBeGreaterThanOrEqual(frame.explained[1]);
    expect(frame.explained[0] + frame.explained[1]).toBeLessThanOrEqual(1 + 1e-9);
    expect(frame.gridRows).toHaveLength(10);
    expect(frame.gridLabels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // step 0 is the pretrained network: its points are the pretrained points
    const first: InsightRecord = records[0];
    const scale = Math.max(...frame.pretrained.map(Math.abs));
    const worst = Math.max(...first.points.map((v, i) => Math.abs(v - frame.pretrained[i])));
    expect(worst / scale).toBeLessThan(1e-4);
    // fine-tuning moves them
    const last = records[records.length - 1];
    expect(Math.max(...last.points.map((v, i) => Math.abs(v - frame.pretrained[i]))) / scale).toBeGreaterThan(1e-3);

    // counts: every evaluation image once per domain, the diagonal is the evaluation's accuracy
    const check = (record: InsightRecord, e: EvalRecord) => {
      const c = frame.numClasses;
      const accuracies = [e.idAcc, e.ood.rotation!, e.ood.inversion!];
      record.confusion.forEach((counts, d) => {
        expect(counts).toHaveLength(c * c);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(64);
        const hits = counts.filter((_, i) => i % c === Math.floor(i / c)).reduce((a, b) => a + b, 0);
        expect(hits / 64).toBeCloseTo(accuracies[d], 6);
      });
      // the grid's rows are rows of the evaluation set: their true classes are the frame's labels
      record.gridPredictions.forEach((row) => {
        expect(row).toHaveLength(10);
        row.forEach((p) => expect(p >= 0 && p < c).toBe(true));
      });
    };
    records.forEach((r, k) => check(r, evals[k]));
  });
});
