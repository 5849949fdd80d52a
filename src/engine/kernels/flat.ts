/**
 * The fused kernels on plain Float32Arrays, for the backends that compute in JavaScript memory
 * (cpu) or on the wasm heap. Math.fround after every operation rounds as the composed f32 ops
 * do, so these give the composed ops' numbers exactly; reductions accumulate in order, in f64.
 */
import { SPD_EPS } from './names';

const f = Math.fround;

export function adamMoments(mv: Float32Array, g: Float32Array, beta1: number, beta2: number, out: Float32Array): void {
  const n = g.length;
  const b1 = f(beta1), c1 = f(1 - beta1), b2 = f(beta2), c2 = f(1 - beta2);
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    out[i] = f(f(mv[i] * b1) + f(gi * c1));
    out[n + i] = f(f(mv[n + i] * b2) + f(f(gi * gi) * c2));
  }
}

export function adamStep(theta: Float32Array, mv: Float32Array, lr: number, c1: number, c2: number, epsilon: number, out: Float32Array): void {
  const n = theta.length;
  const l = f(lr), k1 = f(c1), k2 = f(c2), eps = f(epsilon);
  for (let i = 0; i < n; i++) {
    const step = f(f(mv[i] / k1) / f(f(Math.sqrt(f(mv[n + i] / k2))) + eps));
    out[i] = f(theta[i] - f(step * l));
  }
}

export function momentum(b: Float32Array, g: Float32Array, mu: number, out: Float32Array): void {
  const m = f(mu);
  for (let i = 0; i < g.length; i++) out[i] = f(f(b[i] * m) + g[i]);
}

export function scaledSub(x: Float32Array, y: Float32Array, scale: number, out: Float32Array): void {
  const s = f(scale);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i] - f(y[i] * s));
}

export function spdState(theta: Float32Array, g: Float32Array, anchor: Float32Array, proposed: Float32Array, state: Float32Array, out: Float32Array): void {
  let gdev = 0, next = 0, current = 0;
  for (let i = 0; i < theta.length; i++) {
    const dev = f(theta[i] - anchor[i]);
    const pd = f(proposed[i] - anchor[i]);
    gdev += f(g[i] * dev);
    next += f(pd * pd);
    current += f(dev * dev);
  }
  out[0] = gdev;
  out[1] = next;
  out[2] = current;
  out[3] = f(state[3] + (-f(gdev) < 0 ? 1 : 0));
}

/** c and r·λ of SPD_APPLY from a state vector (f32 throughout, as on the GPU). */
export function spdFactor(state: Float32Array, lambda: number): number {
  const next = f(Math.sqrt(state[1]));
  const r = Math.min(Math.max(f(f(next - f(Math.sqrt(state[2]))) / f(next + f(SPD_EPS))), 0), 1);
  const inconsistent = -state[0] < 0 ? 1 : 0;
  return f(inconsistent * f(r * f(lambda)));
}

export function spdApply(proposed: Float32Array, anchor: Float32Array, state: Float32Array, lambda: number, out: Float32Array): void {
  const k = spdFactor(state, lambda);
  for (let i = 0; i < proposed.length; i++) out[i] = f(proposed[i] - f(k * f(proposed[i] - anchor[i])));
}

export function squaredDistance(x: Float32Array, anchor: Float32Array, out: Float32Array): void {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const d = f(x[i] - anchor[i]);
    sum += f(d * d);
  }
  out[0] = sum;
}

export function pull(g: Float32Array, x: Float32Array, anchor: Float32Array, strength: number, out: Float32Array): void {
  const s = f(strength);
  for (let i = 0; i < x.length; i++) out[i] = f(g[i] + f(f(x[i] - anchor[i]) * s));
}
