/**
 * The paper methods against hand-computed references on small tensors (METHODS.md's formulas).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { Adam } from '../training/optimizers';
import { FTLP_INITIAL_VARIANCE, inverseSoftplusVariance, learnedVariance } from './modifiers/ftlp';
import { PriorTerm } from './modifiers/ftlpPrior';
import { l2spPenalty } from './modifiers/l2sp';
import { spdApply } from '../kernels/fused/selectiveProjection';
import { spdProjection } from './modifiers/spd';

beforeAll(async () => { await useNodeBackend('cpu'); });

const values = async (t: tf.Tensor) => Array.from(await t.data());

/** One AdamSPD step from fresh moments, as adamSPD.py computes it, in float64. */
function referenceAdamSpd(theta: number[], theta0: number[], g: number[], lr: number, lambda: number): { next: number[]; ratio: number | null } {
  const eps = 1e-8;
  // t = 1: m̂ = g, v̂ = g² → step = g / (|g| + ε)
  const proposed = theta.map((p, i) => p - (lr * g[i]) / (Math.abs(g[i]) + eps));
  const condition = -g.reduce((s, gi, i) => s + gi * (theta[i] - theta0[i]), 0);
  if (!(condition < 0)) return { next: proposed, ratio: null };
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const newDev = proposed.map((p, i) => p - theta0[i]);
  const raw = (norm(newDev) - norm(theta.map((p, i) => p - theta0[i]))) / norm(newDev);
  const ratio = Math.min(1, Math.max(0, raw));
  return { next: proposed.map((p, i) => p - lambda * ratio * newDev[i]), ratio };
}

async function adamSpdStep(theta: number[], theta0: number[], g: number[], lr: number, lambda: number): Promise<number[]> {
  const v = tf.variable(tf.tensor1d(theta));
  const anchors = new Map([[v.name, tf.tensor1d(theta0)]]);
  const states = new Map<string, tf.Variable>();
  const opt = new Adam({ project: spdProjection(lambda, anchors, states) });
  opt.apply([v], { [v.name]: tf.tensor1d(g) }, lr);
  const out = await values(v);
  opt.dispose();
  tf.dispose([v, ...anchors.values(), ...states.values()]);
  return out;
}

describe('SPD (adamSPD.py)', () => {
  const theta0 = [0, 0];
  const theta = [0.1, 1];

  it('c < 0 with 0 < r < 1: projects back (λ = 1: onto the previous distance from θ0)', async () => {
    const g = [10, -0.1]; // c = −(1 − 0.1) < 0, and Adam's sign-like step moves away from θ0
    const ref = referenceAdamSpd(theta, theta0, g, 0.1, 1);
    expect(ref.ratio).toBeGreaterThan(0);
    expect(ref.ratio).toBeLessThan(1);
    const got = await adamSpdStep(theta, theta0, g, 0.1, 1);
    got.forEach((x, i) => expect(x).toBeCloseTo(ref.next[i], 6));
    expect(Math.hypot(got[0], got[1])).toBeCloseTo(Math.hypot(theta[0], theta[1]), 6);
  });

  it('c < 0 with r clipped at 0: the step moves toward θ0 and is left alone', async () => {
    const g = [1, 1]; // c = −1.1 < 0; the step shrinks ‖θ − θ0‖
    const ref = referenceAdamSpd(theta, theta0, g, 0.05, 1);
    expect(ref.ratio).toBe(0);
    const got = await adamSpdStep(theta, theta0, g, 0.05, 1);
    got.forEach((x, i) => expect(x).toBeCloseTo(ref.next[i], 6));
  });

  it('c ≥ 0: plain Adam', async () => {
    const g = [-10, 0.1]; // c = 0.9 > 0
    const ref = referenceAdamSpd(theta, theta0, g, 0.1, 1);
    expect(ref.ratio).toBeNull();
    const got = await adamSpdStep(theta, theta0, g, 0.1, 1);
    got.forEach((x, i) => expect(x).toBeCloseTo(ref.next[i], 6));
  });

  it('first step (θ = θ0): c = 0, nothing decays', async () => {
    const got = await adamSpdStep([1, 2], [1, 2], [3, -4], 0.1, 1);
    got.forEach((x, i) => expect(x).toBeCloseTo([0.9, 2.1][i], 6));
  });

  it('r is clipped at 1 when the previous deviation is 0, and at 0 when the step shrinks it', async () => {
    // state = [Σ g·(θ−θ0) > 0 (c < 0), ‖θ~−θ0‖², ‖θ−θ0‖², count]; λ = 1, so θ' = θ~ − r·(θ~ − θ0)
    const project = async (state: number[]) => values(spdApply(tf.tensor1d([3, 4]), tf.tensor1d([0, 0]), tf.tensor1d(state), { lambda: 1 }));
    expect(await project([1, 25, 0, 0])).toEqual([0, 0]); // r = 1
    expect(await project([1, 25, 100, 0])).toEqual([3, 4]); // r = 0
    const mid = await project([1, 100, 25, 0]); // r = (10 − 5) / 10
    mid.forEach((x, i) => expect(x).toBeCloseTo([1.5, 2][i], 6));
    expect(await project([-1, 100, 25, 0])).toEqual([3, 4]); // c > 0: untouched
  });
});

describe('L2-SP', () => {
  it('is (α/2)·Σ‖θ−θ0‖² + (β/2)·‖θ_head‖², with gradient α(θ−θ0)', async () => {
    const w = tf.variable(tf.tensor1d([1, 3]));
    const w0 = tf.tensor1d([0, 1]);
    const head = tf.variable(tf.tensor1d([2]));
    const penalty = l2spPenalty([w], [w0], [head], 0.5, 0.1);
    const [value] = await values(penalty.value());
    expect(value).toBeCloseTo((0.5 / 2) * (1 + 4) + (0.1 / 2) * 4, 6);
    // the gradient it adds: α(θ − θ0) on the backbone, β·θ on the head, nothing elsewhere
    expect(await values(penalty.addGradient(w, tf.tensor1d([10, 20])))).toEqual([10.5, 21]);
    expect(await values(penalty.addGradient(head, tf.tensor1d([1])))).toEqual([1.2000000476837158]);
    const other = tf.variable(tf.tensor1d([5]));
    const g = tf.tensor1d([7]);
    expect(penalty.addGradient(other, g)).toBe(g);
    // and it is the gradient the tape computes for (α/2)·‖θ−θ0‖²
    const { grads } = tf.variableGrads(() => tf.mul(tf.sum(tf.square(tf.sub(w, w0))), 0.25) as tf.Scalar, [w]);
    expect(await values(grads[w.name])).toEqual(await values(penalty.addGradient(w, tf.zerosLike(w))));
    tf.dispose([w, w0, head, other, g]);
  });
});

describe('FT-LP (MIRO form, reconstruction)', () => {
  it('starts at σ² = 0.1', async () => {
    const [v] = await values(learnedVariance(tf.scalar(inverseSoftplusVariance(FTLP_INITIAL_VARIANCE))));
    expect(v).toBeCloseTo(0.1, 6);
  });

  it('R = mean((z − z0)²/σ² + log σ²)/2 with per-channel σ², and its gradients match', async () => {
    // z, z0: [2 examples, 2 channels]; b per channel
    const z = tf.variable(tf.tensor2d([[1, 2], [3, 5]]));
    const z0 = tf.tensor2d([[0, 2], [1, 4]]);
    const bValues = [0.3, -1.2];
    const b = tf.variable(tf.tensor1d(bValues));
    const s2 = bValues.map((x) => Math.log1p(Math.exp(x)) + 1e-5);
    const diffs = [[1, 0], [2, 1]];
    const terms = diffs.flatMap((row) => row.map((d, c) => (d * d) / s2[c] + Math.log(s2[c])));
    const expected = terms.reduce((a, t) => a + t, 0) / 4 / 2;
    const term = new PriorTerm();
    const tapRegulariser = (zz: tf.Tensor, zz0: tf.Tensor, bb: tf.Tensor) => term.compute([zz], () => [zz0], bb, 1);
    const [value] = await values(tapRegulariser(z, z0, b));
    expect(value).toBeCloseTo(expected, 5);
    const { grads } = tf.variableGrads(() => tapRegulariser(z, z0, b), [z, b]);
    // ∂R/∂z = (z − z0)/(σ²·N) with N = 4 elements (the /2 and the square's 2 cancel)
    const gz = await values(grads[z.name]);
    diffs.flat().forEach((d, i) => expect(gz[i]).toBeCloseTo(d / s2[i % 2] / 4, 5));
    // ∂R/∂b_c = Σ_n (−d²/σ⁴ + 1/σ²)·σ'(b)/(2N), σ'(b) = sigmoid(b)
    const gb = await values(grads[b.name]);
    [0, 1].forEach((c) => {
      const sig = 1 / (1 + Math.exp(-bValues[c]));
      const expectedB = diffs.reduce((a, row) => a + (-(row[c] ** 2) / s2[c] ** 2 + 1 / s2[c]), 0) * sig / 8;
      expect(gb[c]).toBeCloseTo(expectedB, 5);
    });
    term.dispose();
    tf.dispose([z, z0, b]);
  });

  // taps of different shapes (a ResNet's blocks: one difference per tap), and taps that differ only in their channels (an MLP's, a ViT's: joined)
  it.each([
    ['of different shapes', [[4, 3, 3, 5], [4, 6, 2], [4, 7]]],
    ['that differ only in their channels', [[4, 3, 5], [4, 3, 2], [4, 3, 7]]],
  ])('over several taps %s: λ·Σ R_l with the tape\'s gradients of the plain formula', async (_, shapes) => {
    const zs = shapes.map((sh, i) => tf.variable(tf.randomNormal(sh, 0, 1, 'float32', 20 + i)));
    const z0s = shapes.map((sh, i) => tf.randomNormal(sh, 0, 1, 'float32', 30 + i));
    const b = tf.variable(tf.randomNormal([shapes.reduce((n, sh) => n + sh[sh.length - 1], 0)], -2, 0.5, 'float32', 40));
    const bs = tf.split(b, shapes.map((sh) => sh[sh.length - 1]));
    const vars = [...zs, b];
    const lambda = 0.3;
    // the formula as written, differentiated by the tape
    const plain = () => tf.mul(tf.addN(zs.map((z, l) => {
      const v = learnedVariance(tf.split(b, shapes.map((sh) => sh[sh.length - 1]))[l]);
      return tf.div(tf.mean(tf.add(tf.div(tf.square(tf.sub(z, z0s[l])), v), tf.log(v))), 2);
    })), lambda) as tf.Scalar;
    const term = new PriorTerm();
    let r = Number.NaN;
    const fused = () => term.compute(zs, () => z0s, b, lambda, (x) => { r = x.dataSync()[0]; });
    const ref = tf.variableGrads(plain, vars);
    const got = tf.variableGrads(fused, vars);
    const [refValue, gotValue] = [(await ref.value.data())[0], (await got.value.data())[0]];
    expect(gotValue).toBeCloseTo(refValue, 5);
    expect(r * lambda).toBeCloseTo(refValue, 5);
    for (const v of vars) {
      const [a, b] = [await got.grads[v.name].data(), await ref.grads[v.name].data()];
      const scale = Math.max(...Array.from(b, Math.abs));
      a.forEach((x, i) => expect(Math.abs(x - b[i]), `${v.name}[${i}]`).toBeLessThanOrEqual(1e-5 * scale));
    }
    term.dispose();
    tf.dispose([...vars, ...z0s, ...bs]);
  });
});
