/**
 * The optimisers, written on tensors so that methods can change the update itself (SPD) and every
 * parameter group gets its own learning rate at each step (schedules, DAFT's head/backbone split).
 * Updates are device-side only: no readback.
 */
import * as tf from '@tensorflow/tfjs';

export interface Optimizer {
  /** Applies one update to `vars` given their gradients (keyed by variable name) at learning rate `lr`. */
  apply(vars: tf.Variable[], grads: tf.NamedTensorMap, lr: number): void;
  dispose(): void;
}

export interface AdamOptions { beta1?: number; beta2?: number; epsilon?: number }

/** Moment buffers, created lazily per variable and kept across steps. */
export class SlotStore {
  private readonly slots = new Map<string, tf.Variable[]>();
  get(v: tf.Variable, count: number): tf.Variable[] {
    let s = this.slots.get(v.name);
    if (!s) {
      s = Array.from({ length: count }, () => tf.variable(tf.zerosLike(v), false));
      this.slots.set(v.name, s);
    }
    return s;
  }
  dispose(): void {
    for (const s of this.slots.values()) s.forEach((t) => t.dispose());
    this.slots.clear();
  }
}

/** Adam with bias correction (Kingma & Ba), no weight decay. */
export class Adam implements Optimizer {
  protected readonly slots = new SlotStore();
  protected t = 0;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(opts: AdamOptions = {}) {
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
  }

  /** θ~ = θ − lr · m̂ / (√v̂ + ε), with the moments updated in place. */
  protected adamStep(v: tf.Variable, g: tf.Tensor, lr: number): tf.Tensor {
    const [m, s] = this.slots.get(v, 2);
    m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
    s.assign(tf.add(tf.mul(s, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    const step = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(s, c2)), this.epsilon));
    return tf.sub(v, tf.mul(step, lr));
  }

  apply(vars: tf.Variable[], grads: tf.NamedTensorMap, lr: number): void {
    this.t++;
    tf.tidy(() => {
      for (const v of vars) {
        const g = grads[v.name];
        if (g) v.assign(this.adamStep(v, g, lr));
      }
    });
  }

  dispose(): void {
    this.slots.dispose();
  }
}

/** SGD with (PyTorch-style) momentum: b = μ·b + g; θ = θ − lr·b. */
export class SgdMomentum implements Optimizer {
  private readonly slots = new SlotStore();
  constructor(readonly momentum = 0.9) {}

  apply(vars: tf.Variable[], grads: tf.NamedTensorMap, lr: number): void {
    tf.tidy(() => {
      for (const v of vars) {
        const g = grads[v.name];
        if (!g) continue;
        if (this.momentum === 0) { v.assign(tf.sub(v, tf.mul(g, lr))); continue; }
        const [b] = this.slots.get(v, 1);
        b.assign(tf.add(tf.mul(b, this.momentum), g));
        v.assign(tf.sub(v, tf.mul(b, lr)));
      }
    });
  }

  dispose(): void {
    this.slots.dispose();
  }
}

export type OptimizerKind = 'adam' | 'sgd';

export function createOptimizer(kind: OptimizerKind): Optimizer {
  return kind === 'adam' ? new Adam() : new SgdMomentum(0.9);
}
