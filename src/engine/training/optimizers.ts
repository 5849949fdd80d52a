/**
 * The optimisers, written on tensors so that every parameter group gets its own learning rate at
 * each step (schedules, a head learning rate apart from the backbone's) and so that a method can change the update
 * itself: `project` sees each variable's proposed value θ~ and may return another (a projection).
 * Each update is one or two fused kernels per variable (kernels/), with the hyper-parameters as
 * kernel attributes: no per-step constant tensors. Device-side only: no readback.
 */
import * as tf from '@tensorflow/tfjs';
import { adamMoments, adamStep } from '../kernels/fused/adam';
import { momentumBuffer } from '../kernels/fused/momentum';
import { scaledSub } from '../kernels/fused/scaledSub';

/** θ~ → θ_new for one variable, given its gradient (inside the step's tidy scope). */
export type Projection = (v: tf.Variable, g: tf.Tensor, proposed: tf.Tensor) => tf.Tensor;

export interface Optimizer {
  /** Applies one update to `vars` given their gradients (keyed by variable name) at learning rate `lr`. */
  apply(vars: tf.Variable[], grads: tf.NamedTensorMap, lr: number): void;
  dispose(): void;
}

/**
 * A variable from an initial value built in a tidy scope: tf.variable() keeps its initial tensor
 * alive next to the variable, so creating one outside a tidy leaks that tensor.
 */
export function newVariable(init: () => tf.Tensor, trainable = false): tf.Variable {
  return tf.tidy(() => tf.variable(init(), trainable));
}

/** One state tensor per variable (zeros of `shape`), created on first use and kept across steps. */
export class SlotStore {
  private readonly slots = new Map<string, tf.Variable>();
  get(v: tf.Variable, shape: number[]): tf.Variable {
    let s = this.slots.get(v.name);
    if (!s) {
      s = newVariable(() => tf.zeros(shape));
      this.slots.set(v.name, s);
    }
    return s;
  }
  dispose(): void {
    for (const s of this.slots.values()) s.dispose();
    this.slots.clear();
  }
}

abstract class ProposingOptimizer implements Optimizer {
  protected readonly slots = new SlotStore();
  constructor(private readonly project?: Projection) {}

  /** θ~ for one variable (may update its slots). */
  protected abstract propose(v: tf.Variable, g: tf.Tensor, lr: number): tf.Tensor;
  protected beginStep(): void {}

  apply(vars: tf.Variable[], grads: tf.NamedTensorMap, lr: number): void {
    this.beginStep();
    tf.tidy(() => {
      for (const v of vars) {
        const g = grads[v.name];
        if (!g) continue;
        const proposed = this.propose(v, g, lr);
        v.assign(this.project ? this.project(v, g, proposed) : proposed);
      }
    });
  }

  dispose(): void {
    this.slots.dispose();
  }
}

export interface AdamOptions { beta1?: number; beta2?: number; epsilon?: number; project?: Projection }

/** Adam with bias correction (Kingma & Ba), no weight decay. */
export class Adam extends ProposingOptimizer {
  private t = 0;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(opts: AdamOptions = {}) {
    super(opts.project);
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
  }

  protected override beginStep(): void {
    this.t++;
  }

  /** θ~ = θ − lr · m̂ / (√v̂ + ε); both moments live in one [2n] slot, updated by one kernel. */
  protected propose(v: tf.Variable, g: tf.Tensor, lr: number): tf.Tensor {
    const moments = this.slots.get(v, [2 * v.size]);
    const next = adamMoments(moments, g, { beta1: this.beta1, beta2: this.beta2 });
    moments.assign(next);
    return adamStep(v, next, { lr, c1: 1 - this.beta1 ** this.t, c2: 1 - this.beta2 ** this.t, epsilon: this.epsilon });
  }
}

/** SGD with (PyTorch-style) momentum: b = μ·b + g; θ~ = θ − lr·b. */
export class SgdMomentum extends ProposingOptimizer {
  constructor(readonly momentum = 0.9, project?: Projection) {
    super(project);
  }

  protected propose(v: tf.Variable, g: tf.Tensor, lr: number): tf.Tensor {
    if (this.momentum === 0) return scaledSub(v, g, lr);
    const b = this.slots.get(v, v.shape);
    const next = momentumBuffer(b, g, this.momentum);
    b.assign(next);
    return scaledSub(v, next, lr);
  }
}

export type OptimizerKind = 'adam' | 'sgd';

export function createOptimizer(kind: OptimizerKind, project?: Projection): Optimizer {
  return kind === 'adam' ? new Adam({ project }) : new SgdMomentum(0.9, project);
}
