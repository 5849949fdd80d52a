/**
 * SPD (Selective Projection Decay) as two fused kernels per tensor: its statistics after the
 * optimiser proposed θ~, then the projection. Branch-free (the condition is a 0/1 factor) and
 * without a readback. The sums loop over the tensor: one fragment per sum on webgl, one
 * workgroup's tree on webgpu.
 */
import * as tf from '@tensorflow/tfjs';
import { attrs, input, size } from '../args';
import type { FusedCheck, FusedKernelDef } from '../definition';
import { runFused } from '../op';

/**
 * The statistics with the running count: theta, grad, anchor θ0, proposed θ~ [n], state [4] →
 * [Σ g·(θ−θ0), ‖θ~−θ0‖², ‖θ−θ0‖², state[3] + (−Σ g·(θ−θ0) < 0 ? 1 : 0)]
 */
export const SPD_STATE = 'FtpSpdState';

/**
 * The projection: proposed θ~, anchor θ0 [n], state [4] (from SPD_STATE) →
 * θ~ − (c · (r·λ)) · (θ~ − θ0),  c = (−state[0] < 0), r = clip((√state[1] − √state[2]) / (√state[1] + 1e-12), 0, 1)
 */
export const SPD_APPLY = 'FtpSpdApply';
export interface SpdApplyAttrs { lambda: number }

/** SPD's ε in r's denominator (as GT-RIPL's adamSPD.py guards the division); the shaders write it as 1e-12 */
export const SPD_EPS = 1e-12;

export const spdState = (theta: tf.Tensor, grad: tf.Tensor, anchor: tf.Tensor, proposed: tf.Tensor, state: tf.Tensor) =>
  runFused(SPD_STATE, { theta, grad, anchor, proposed, state });
export const spdApply = (proposed: tf.Tensor, anchor: tf.Tensor, state: tf.Tensor, a: SpdApplyAttrs) => runFused(SPD_APPLY, { proposed, anchor, state }, a);

// Math.fround after every operation rounds as the composed f32 ops do; sums accumulate in order, in f64
const f = Math.fround;

const STATE_INPUTS = ['theta', 'grad', 'anchor', 'proposed', 'state'];

const stateKernel: FusedKernelDef = {
  name: SPD_STATE,
  memory(args, m) {
    return m.output(args, [4], (out) => {
      const [theta, g, anchor, proposed, state] = STATE_INPUTS.map((name) => m.values(args, input(args, name)));
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
    });
  },
  webgl(args, gl) {
    // the tensor size is a constant of the shader: GLSL ES loops want constant bounds
    const n = size(input(args, 'theta'));
    const p = gl.program(['theta', 'g', 'anchor', 'proposed', 'state'], 4, [], `
      int k = getOutputCoords();
      float gdev = 0.0;
      float next = 0.0;
      float current = 0.0;
      for (int i = 0; i < ${n}; i++) {
        float dev = getTheta(i) - getAnchor(i);
        float pd = getProposed(i) - getAnchor(i);
        gdev += getG(i) * dev;
        next += pd * pd;
        current += dev * dev;
      }
      if (k == 0) setOutput(gdev);
      else if (k == 1) setOutput(next);
      else if (k == 2) setOutput(current);
      else setOutput(getState(3) + (-gdev < 0.0 ? 1.0 : 0.0));`);
    return gl.run(args, p, STATE_INPUTS.map((name) => input(args, name)), [], [4]);
  },
  webgpu(args, gpu) {
    const program = gpu.reduction('spd_state', ['THETA', 'G', 'ANCHOR', 'PROPOSED', 'STATE'], 4,
      'vec3<f32>(G[i] * (THETA[i] - ANCHOR[i]), (PROPOSED[i] - ANCHOR[i]) * (PROPOSED[i] - ANCHOR[i]), (THETA[i] - ANCHOR[i]) * (THETA[i] - ANCHOR[i]))', `
          result[0] = t.x;
          result[1] = t.y;
          result[2] = t.z;
          result[3] = STATE[3] + select(0.0, 1.0, -t.x < 0.0);`);
    return gpu.run(args, program, STATE_INPUTS.map((name) => input(args, name)), [gpu.i32(size(input(args, 'theta')))], [4]);
  },
};

/** c · (r·λ) of SPD_APPLY from a state vector (f32 throughout, as on the GPU). */
function projectionFactor(state: Float32Array, lambda: number): number {
  const next = f(Math.sqrt(state[1]));
  const r = Math.min(Math.max(f(f(next - f(Math.sqrt(state[2]))) / f(next + f(SPD_EPS))), 0), 1);
  const inconsistent = -state[0] < 0 ? 1 : 0;
  return f(inconsistent * f(r * f(lambda)));
}

const applyKernel: FusedKernelDef = {
  name: SPD_APPLY,
  memory(args, m) {
    const proposedInput = input(args, 'proposed');
    return m.output(args, proposedInput.shape, (out) => {
      const proposed = m.values(args, proposedInput);
      const anchor = m.values(args, input(args, 'anchor'));
      const k = projectionFactor(m.values(args, input(args, 'state')), attrs<SpdApplyAttrs>(args).lambda);
      for (let i = 0; i < proposed.length; i++) out[i] = f(proposed[i] - f(k * f(proposed[i] - anchor[i])));
    });
  },
  webgl(args, gl) {
    const proposed = input(args, 'proposed');
    const p = gl.program(['proposed', 'anchor', 'state'], size(proposed), [gl.float('lambda')], `
      int i = getOutputCoords();
      float next = sqrt(getState(1));
      float r = clamp((next - sqrt(getState(2))) / (next + 1e-12), 0.0, 1.0);
      float k = (-getState(0) < 0.0 ? 1.0 : 0.0) * (r * lambda);
      float v = getProposed(i);
      setOutput(v - k * (v - getAnchor(i)));`);
    return gl.run(args, p, [proposed, input(args, 'anchor'), input(args, 'state')], [[attrs<SpdApplyAttrs>(args).lambda]], proposed.shape);
  },
  webgpu(args, gpu) {
    const proposed = input(args, 'proposed');
    const program = gpu.elementwise('spd_apply', ['PROPOSED', 'ANCHOR', 'STATE'], size(proposed), 'lambda : f32,', `
          let next = sqrt(STATE[1]);
          let r = clamp((next - sqrt(STATE[2])) / (next + 1e-12), 0.0, 1.0);
          let k = select(0.0, 1.0, -STATE[0] < 0.0) * (r * uniforms.lambda);
          let p = PROPOSED[index];
          setOutputAtIndex(index, p - k * (p - ANCHOR[index]));`);
    return gpu.run(args, program, [proposed, input(args, 'anchor'), input(args, 'state')], [gpu.f32(attrs<SpdApplyAttrs>(args).lambda)], proposed.shape);
  },
};

export const kernels = [stateKernel, applyKernel];

/** The projection as composed ops (as the engine computed it before the kernels), and whether its condition held (0/1). */
function projectionComposed(theta: tf.Tensor, g: tf.Tensor, anchor: tf.Tensor, proposed: tf.Tensor, lambda: number): { projected: tf.Tensor; inconsistent: tf.Scalar } {
  const dev = tf.sub(theta, anchor);
  const inconsistent = tf.cast(tf.less(tf.neg(tf.sum(tf.mul(g, dev))), 0), 'float32') as tf.Scalar;
  const proposedDev = tf.sub(proposed, anchor);
  const next = tf.norm(proposedDev);
  const r = tf.clipByValue(tf.div(tf.sub(next, tf.norm(dev)), tf.add(next, SPD_EPS)), 0, 1);
  return { projected: tf.sub(proposed, tf.mul(tf.mul(inconsistent, tf.mul(r, lambda)), proposedDev)), inconsistent };
}

/**
 * Projected gradient steps from near an anchor, the fused state carried on (its count accumulates).
 * The apply kernel reads the fused sums, so both comparisons involve a reduction.
 */
export const check: FusedCheck = {
  start({ normal }) {
    const theta = normal(0.1);
    return { theta, anchor: tf.add(theta, normal(0.01)), state: tf.zeros([4]) };
  },
  step({ normal }, { theta, anchor, state }) {
    const g = normal(0.05);
    // the optimiser's proposal θ~: a plain gradient step, about as large as Adam's
    const proposed = tf.sub(theta, tf.mul(g, 0.02));
    const next = spdState(theta, g, anchor, proposed, state);
    const { projected, inconsistent } = projectionComposed(theta, g, anchor, proposed, 1);
    return {
      compared: [
        { kernel: 'spd count', fused: tf.slice(next, [3], [1]), composed: tf.add(tf.slice(state, [3], [1]), inconsistent), reduces: true },
        { kernel: 'spd apply', fused: spdApply(proposed, anchor, next, { lambda: 1 }), composed: projected, reduces: true },
      ],
      next: { theta: projected, anchor, state: next },
    };
  },
};
