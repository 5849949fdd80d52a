/**
 * FT-LP's prior term over all taps as one differentiable op. For tap l with M_l elements, C_l
 * channels, d = z − z0 and S_lc = Σ_{i∈c} d_i² (every channel holds M_l / C_l elements):
 *   R = Σ_l R_l,  R_l = mean((z − z0)²/σ² + log σ²)/2 = Σ_c S_lc/(2 M_l σ²_lc) + Σ_c log σ²_lc/(2 C_l)
 *   ∂R/∂z_l = d/(M_l σ²),   ∂R/∂σ²_lc = (1/(2 C_l) − S_lc/(2 M_l σ²_lc)) / σ²_lc,   ∂σ²/∂b = sigmoid(b)
 * σ² of every channel of every tap is one vector, so the per-channel part runs once for all taps:
 * the op costs three kernels per tap (difference, square, per-channel sum) and a dozen in all. Taps
 * that differ only in their channels (an MLP's layers, a ViT's blocks) are joined along the channel
 * axis first, so difference, square and sum run once for all of them (and the backward's product).
 * The pretrained taps z0 are gathered inside the op, off the tape (they are constants).
 */
import * as tf from '@tensorflow/tfjs';
import { constant } from '../../ops/constants';
import { FTLP_VARIANCE_FLOOR } from './ftlpConstants';

/** σ² = softplus(b) + 1e-5 */
export function learnedVariance(b: tf.Tensor): tf.Tensor {
  return tf.add(tf.softplus(b), constant(FTLP_VARIANCE_FLOOR));
}

/** The op for one set of tap shapes; its per-channel weights are made once and kept. */
export class PriorTerm {
  private weights: { key: string; data: tf.Tensor1D; log: tf.Tensor1D; dz: tf.Tensor1D } | null = null;

  /**
   * λ·R, differentiable in the taps and in `b` (σ²'s parameters, every tap's channels in order);
   * `pretrained()` gives z0 for each tap (called inside the op); `onR` receives R (unscaled).
   */
  compute(taps: tf.Tensor[], pretrained: () => tf.Tensor[], b: tf.Tensor, lambda: number, onR?: (r: tf.Scalar) => void): tf.Scalar {
    const w = this.weightsFor(taps);
    const channels = taps.map((t) => t.shape[t.rank - 1]);
    const count = taps.length;
    const lead = (t: tf.Tensor) => t.shape.slice(0, -1).join('x');
    // one difference for all taps (joined along the channels) where they differ only in their channels
    const joined = count > 1 && taps.every((t) => lead(t) === lead(taps[0]));
    const perChannelSum = (x: tf.Tensor) => tf.sum(tf.square(x), Array.from({ length: x.rank - 1 }, (_, i) => i));
    const op = tf.customGrad((...args) => {
      const save = args[count + 1] as tf.GradSaveFunc;
      const zs = args.slice(0, count) as tf.Tensor[];
      const bias = args[count] as tf.Tensor;
      const z0 = pretrained();
      const d = joined ? [tf.sub(tf.concat(zs, -1), tf.concat(z0, -1))] : zs.map((z, l) => tf.sub(z, z0[l]));
      const s = d.length === 1 ? perChannelSum(d[0]) : tf.concat(d.map(perChannelSum));
      const v = learnedVariance(bias);
      const q = tf.div(tf.mul(s, w.data), v);
      const r = tf.add(tf.sum(q), tf.sum(tf.mul(w.log, tf.log(v)))) as tf.Scalar;
      onR?.(r);
      save([...d, v, q, bias]);
      return {
        value: tf.mul(r, lambda) as tf.Scalar,
        gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
          const dev = saved.slice(0, d.length);
          const [variance, data, param] = saved.slice(d.length);
          const scale = tf.mul(dy as tf.Tensor, lambda);
          const perChannel = tf.div(tf.mul(w.dz, scale), variance);
          const dz = d.length === 1
            ? (count === 1 ? [tf.mul(dev[0], perChannel)] : tf.split(tf.mul(dev[0], perChannel), channels, -1))
            : tf.split(perChannel, channels).map((k, l) => tf.mul(dev[l], k));
          const db = tf.mul(tf.mul(tf.div(tf.sub(w.log, data), variance), tf.sigmoid(param)), scale);
          return [...dz, db];
        },
      };
    });
    return op(...taps, b) as tf.Scalar;
  }

  /** per channel of all taps: 1/(2 M_l) (data term), 1/(2 C_l) (log term), 1/M_l (∂R/∂z) */
  private weightsFor(taps: tf.Tensor[]) {
    const key = taps.map((t) => t.shape.join('x')).join(',');
    if (this.weights?.key === key) return this.weights;
    this.dispose();
    const per = (f: (t: tf.Tensor) => number) => taps.flatMap((t) => Array<number>(t.shape[t.rank - 1]).fill(f(t)));
    this.weights = {
      key,
      data: tf.keep(tf.tensor1d(per((t) => 1 / (2 * t.size)))),
      log: tf.keep(tf.tensor1d(per((t) => 1 / (2 * t.shape[t.rank - 1])))),
      dz: tf.keep(tf.tensor1d(per((t) => 1 / t.size))),
    };
    return this.weights;
  }

  dispose(): void {
    if (this.weights) tf.dispose([this.weights.data, this.weights.log, this.weights.dz]);
    this.weights = null;
  }
}
