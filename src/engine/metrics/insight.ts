/**
 * "See inside": what the network does to a fixed probe set while it is fine-tuned.
 *
 * - A 2-D PCA frame for the penultimate features, fitted ONCE on the pretrained features of the
 *   ID and OOD probes (before training, before any method's preparation), so movement over
 *   training shows in a fixed frame. Fitting reads the pretrained features back once when the
 *   run opens; each evaluation projects the current features on the device.
 * - Predictions on a small fixed grid of images: one test image per class, and the same rows of
 *   each shifted set (the page redraws the images itself from the dataset, seed and severity).
 * - Confusion counts per domain (ID and each shift) over the whole evaluation set.
 *
 * Each evaluation's part is one flat tensor stacked onto the evaluation's own readback
 * (evaluate.ts), so See inside costs no extra readback.
 */
import * as tf from '@tensorflow/tfjs';
import type { DeviceData } from '../methods/types';
import { createRng } from '../rng';
import type { InsightFrame, InsightRecord } from './insightTypes';

/** Grid columns: at most one test image per class, up to this many. */
export const INSIGHT_GRID_SIZE = 10;

export interface Pca {
  dim: number;
  /** mean of the fitted rows */
  mean: Float64Array;
  /** unit-length principal axes, largest variance first */
  axes: Float64Array[];
  /** variance along each axis (eigenvalues of the covariance, 1/N) */
  variances: number[];
  /** total variance of the fitted rows (trace of the covariance) */
  totalVariance: number;
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi); eigenvalues descending, vectors as columns. */
export function symmetricEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((row) => row.slice());
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) (i === j ? (scale += a[i][j] ** 2) : (off += a[i][j] ** 2));
    if (off <= 1e-30 * Math.max(scale, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  return { values: order.map((i) => a[i][i]), vectors: v.map((row) => order.map((i) => row[i])) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Modified Gram-Schmidt, twice; a column that vanishes is replaced by a fresh random direction. */
function orthonormalise(cols: Float64Array[], rng: () => number): void {
  for (let j = 0; j < cols.length; j++) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = Math.sqrt(dot(cols[j], cols[j]));
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i < j; i++) {
          const r = dot(cols[i], cols[j]);
          for (let k = 0; k < cols[j].length; k++) cols[j][k] -= r * cols[i][k];
        }
      }
      const norm = Math.sqrt(dot(cols[j], cols[j]));
      if (norm > 1e-10 * Math.max(before, 1e-300) && norm > 1e-300) {
        for (let k = 0; k < cols[j].length; k++) cols[j][k] /= norm;
        break;
      }
      for (let k = 0; k < cols[j].length; k++) cols[j][k] = rng() - 0.5;
    }
  }
}

/**
 * Principal axes of `n` rows of `dim` values (row-major), by subspace iteration on XᵀX with a
 * Rayleigh-Ritz step (never forms the dim×dim covariance, so wide features stay cheap).
 * Deterministic: a fixed starting subspace; each axis's sign makes its largest-magnitude entry positive.
 */
export function fitPca(rows: ArrayLike<number>, n: number, dim: number, components = 2): Pca {
  if (rows.length !== n * dim) throw new Error(`fitPca: ${rows.length} values for ${n}×${dim}`);
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let c = 0; c < dim; c++) mean[c] += rows[r * dim + c];
  if (n > 0) for (let c = 0; c < dim; c++) mean[c] /= n;
  const x = new Float64Array(n * dim);
  let total = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < dim; c++) {
      const v = rows[r * dim + c] - mean[c];
      x[r * dim + c] = v;
      total += v * v;
    }
  }
  const inv = 1 / Math.max(n, 1);
  /** w = XᵀX v / n */
  const apply = (v: Float64Array): Float64Array => {
    const w = new Float64Array(dim);
    for (let r = 0; r < n; r++) {
      let t = 0;
      const base = r * dim;
      for (let c = 0; c < dim; c++) t += x[base + c] * v[c];
      if (t !== 0) for (let c = 0; c < dim; c++) w[c] += x[base + c] * t;
    }
    for (let c = 0; c < dim; c++) w[c] *= inv;
    return w;
  };

  const k = Math.min(dim, Math.max(components + 4, 2 * components));
  const rng = createRng(0, 'insight:pca');
  const next = () => rng.next();
  let basis = Array.from({ length: k }, () => Float64Array.from({ length: dim }, () => next() - 0.5));
  orthonormalise(basis, next);
  let values: number[] = [];
  let ritz: Float64Array[] = [];
  let previous: Float64Array[] = [];
  for (let iter = 0; iter < 300; iter++) {
    const images = basis.map(apply);
    const h = basis.map((bi) => images.map((wj) => dot(bi, wj)));
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) h[i][j] = h[j][i] = (h[i][j] + h[j][i]) / 2;
    const eig = symmetricEigen(h);
    values = eig.values;
    const combine = (cols: Float64Array[], j: number) => {
      const out = new Float64Array(dim);
      for (let i = 0; i < k; i++) {
        const coef = eig.vectors[i][j];
        if (coef !== 0) for (let c = 0; c < dim; c++) out[c] += coef * cols[i][c];
      }
      return out;
    };
    ritz = Array.from({ length: k }, (_, j) => combine(basis, j));
    const converged = iter > 1 && previous.length > 0 &&
      Array.from({ length: components }, (_, j) => Math.abs(dot(ritz[j], previous[j]))).every((d) => d > 1 - 1e-12);
    if (converged || total === 0) break;
    previous = ritz.slice(0, components);
    basis = Array.from({ length: k }, (_, j) => combine(images, j));
    orthonormalise(basis, next);
  }
  const axes: Float64Array[] = [];
  for (let j = 0; j < components; j++) {
    const axis = j < ritz.length ? ritz[j].slice() : new Float64Array(dim);
    let big = 0;
    for (let c = 0; c < dim; c++) if (Math.abs(axis[c]) > Math.abs(big)) big = axis[c];
    if (big < 0) for (let c = 0; c < dim; c++) axis[c] = -axis[c];
    axes.push(axis);
  }
  return {
    dim, mean, axes,
    variances: axes.map((_, j) => Math.max(0, values[j] ?? 0)),
    totalVariance: total * inv,
  };
}

/** The `rows` (n×dim) on the PCA axes: x0, y0, x1, y1, … */
export function projectRows(pca: Pca, rows: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < n; r++) {
    for (const axis of pca.axes) {
      let s = 0;
      for (let c = 0; c < pca.dim; c++) s += (rows[r * pca.dim + c] - pca.mean[c]) * axis[c];
      out.push(s);
    }
  }
  return out;
}

/** One row per class (its first row), classes in order, up to `size`; topped up with the earliest other rows. */
export function pickGridRows(labels: ArrayLike<number>, count: number, numClasses: number, size = INSIGHT_GRID_SIZE): number[] {
  const n = Math.min(count, labels.length);
  const rows: number[] = [];
  for (let cls = 0; cls < numClasses && rows.length < size; cls++) {
    for (let r = 0; r < n; r++) if (labels[r] === cls) { rows.push(r); break; }
  }
  for (let r = 0; r < n && rows.length < Math.min(size, n); r++) if (!rows.includes(r)) rows.push(r);
  return rows;
}

/** C×C counts (row = true, column = predicted) from one-hot labels and predicted classes, on the device. */
export function confusionCounts(labelsOneHot: tf.Tensor2D, predicted: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  return tf.tidy(() => tf.matMul(labelsOneHot, tf.oneHot(tf.cast(predicted, 'int32'), numClasses).toFloat(), true, false));
}

/** What one evaluation's forward passes hand to See inside (tensors owned by the caller's tidy). */
export interface InsightPass {
  /** penultimate features of the ID probe rows, then of every shift's probe rows */
  idFeatures: tf.Tensor2D;
  oodFeatures: tf.Tensor2D;
  /** predicted class of every row: the test set, then each shifted set in the run's order */
  predictions: tf.Tensor1D[];
}

/** The fixed frame and the device tensors that project onto it; one per run. */
export class InsightProbe {
  private constructor(
    readonly frame: InsightFrame,
    private readonly mean: tf.Tensor2D,
    private readonly basis: tf.Tensor2D,
    private readonly labelsOneHot: tf.Tensor2D[],
  ) {}

  /**
   * Fits the frame on the pretrained probe features (one readback) and picks the grid rows.
   * `pretrained` is `ctx.pretrainedFeatures` (taken before any method's preparation).
   */
  static async create(pretrained: { id: tf.Tensor2D; ood: tf.Tensor2D }, data: DeviceData): Promise<InsightProbe> {
    const both = tf.concat([pretrained.id, pretrained.ood]) as tf.Tensor2D;
    const [n, dim] = both.shape;
    const rows = await both.data();
    both.dispose();
    const pca = fitPca(rows, n, dim, 2);
    const pretrainedPoints = projectRows(pca, rows, n);
    const { probeRows } = data;
    const idCount = pretrained.id.shape[0];
    const perShift = data.ood.length ? pretrained.ood.shape[0] / data.ood.length : 0;
    const probeLabels = [
      ...Array.from(data.test.labels.subarray(0, idCount)),
      ...data.ood.flatMap((o) => Array.from(o.set.labels.subarray(0, perShift))),
    ];
    if (idCount !== probeRows.id || perShift !== probeRows.perShift || probeLabels.length !== n) {
      throw new Error(`See inside: probe features (${idCount} ID, ${perShift} per shift) do not match the probe rows (${probeRows.id}, ${probeRows.perShift})`);
    }
    // rows every evaluation set has (a benchmark's held-out domain may be smaller than the ID set)
    const gridRows = pickGridRows(data.test.labels, Math.min(data.test.count, ...data.ood.map((o) => o.set.count)), data.numClasses);
    const share = (v: number) => (pca.totalVariance > 0 ? v / pca.totalVariance : 0);
    const frame: InsightFrame = {
      domains: ['id', ...data.ood.map((o) => o.shift)],
      probeCounts: [idCount, ...data.ood.map(() => perShift)],
      probeLabels,
      pretrained: pretrainedPoints,
      explained: [share(pca.variances[0]), share(pca.variances[1])],
      gridRows,
      gridLabels: gridRows.map((r) => data.test.labels[r]),
      numClasses: data.numClasses,
    };
    const mean = tf.tensor2d(Float32Array.from(pca.mean), [1, dim]);
    const basis = tf.tensor2d(Float32Array.from({ length: dim * 2 }, (_, i) => pca.axes[i % 2][Math.floor(i / 2)]), [dim, 2]);
    return new InsightProbe(frame, mean, basis, [data.test.yOneHot, ...data.ood.map((o) => o.set.yOneHot)]);
  }

  /** Number of values `compute` returns. */
  get size(): number {
    const { frame } = this;
    const domains = frame.domains.length;
    return frame.probeLabels.length * 2 + domains * frame.gridRows.length + domains * frame.numClasses ** 2;
  }

  /** Inside the evaluation's tidy: points, grid predictions and confusion counts as one flat float32 tensor. */
  compute(pass: InsightPass): tf.Tensor1D {
    const { frame } = this;
    if (pass.predictions.length !== frame.domains.length) throw new Error('See inside: one prediction vector per domain expected');
    return tf.tidy(() => {
      const features = tf.concat([pass.idFeatures, pass.oodFeatures]);
      const points = tf.matMul(tf.sub(features, this.mean), this.basis);
      const gridRows = tf.tensor1d(frame.gridRows, 'int32');
      const grid = pass.predictions.map((p) => tf.cast(tf.gather(p, gridRows), 'float32'));
      const confusion = pass.predictions.map((p, d) => confusionCounts(this.labelsOneHot[d], p, frame.numClasses).reshape([-1]));
      return tf.concat([points.reshape([-1]), ...grid, ...confusion]) as tf.Tensor1D;
    });
  }

  /** The record for `step` from `compute`'s values (read back with the evaluation). */
  decode(values: ArrayLike<number>, step: number): InsightRecord {
    if (values.length !== this.size) throw new Error(`See inside: ${values.length} values, expected ${this.size}`);
    const { frame } = this;
    let i = 0;
    const take = (count: number) => { const out = Array.from({ length: count }, (_, k) => values[i + k]); i += count; return out; };
    const points = take(frame.probeLabels.length * 2);
    const gridPredictions = frame.domains.map(() => take(frame.gridRows.length).map(Math.round));
    const confusion = frame.domains.map(() => take(frame.numClasses ** 2).map(Math.round));
    return { step, points, gridPredictions, confusion };
  }

  dispose(): void {
    this.mean.dispose();
    this.basis.dispose();
  }
}
