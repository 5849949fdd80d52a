/**
 * Adam's update as two fused kernels: the moments, then the step. The bias corrections are
 * attributes, so one program serves every step.
 */
import * as tf from '@tensorflow/tfjs';
import { attrs, input, size } from '../args';
import type { FusedCheck, FusedKernelDef } from '../definition';
import { runFused } from '../op';

/** moments [2n] = [m; v], grad [n] → [β1·m + (1−β1)·g; β2·v + (1−β2)·g²] */
export const ADAM_MOMENTS = 'FtpAdamMoments';
export interface AdamMomentsAttrs { beta1: number; beta2: number }

/** theta [n], moments [2n] → θ − ((m / c1) / (√(v / c2) + ε)) · lr  (c1, c2: bias corrections) */
export const ADAM_STEP = 'FtpAdamStep';
export interface AdamStepAttrs { lr: number; c1: number; c2: number; epsilon: number }

export const adamMoments = (moments: tf.Tensor, grad: tf.Tensor, a: AdamMomentsAttrs) => runFused(ADAM_MOMENTS, { moments, grad }, a);
export const adamStep = (theta: tf.Tensor, moments: tf.Tensor, a: AdamStepAttrs) => runFused(ADAM_STEP, { theta, moments }, a);

// Math.fround after every operation rounds as the composed f32 ops do: the same numbers exactly
const f = Math.fround;

const moments: FusedKernelDef = {
  name: ADAM_MOMENTS,
  memory(args, m) {
    const { beta1, beta2 } = attrs<AdamMomentsAttrs>(args);
    const mvInput = input(args, 'moments');
    return m.output(args, mvInput.shape, (out) => {
      const mv = m.values(args, mvInput);
      const g = m.values(args, input(args, 'grad'));
      const n = g.length;
      const b1 = f(beta1), c1 = f(1 - beta1), b2 = f(beta2), c2 = f(1 - beta2);
      for (let i = 0; i < n; i++) {
        const gi = g[i];
        out[i] = f(f(mv[i] * b1) + f(gi * c1));
        out[n + i] = f(f(mv[n + i] * b2) + f(f(gi * gi) * c2));
      }
    });
  },
  webgl(args, gl) {
    const { beta1, beta2 } = attrs<AdamMomentsAttrs>(args);
    const mv = input(args, 'moments');
    const g = input(args, 'grad');
    const p = gl.program(['mv', 'g'], size(mv), [gl.int('halfSize'), gl.float('beta1'), gl.float('oneMinusBeta1'), gl.float('beta2'), gl.float('oneMinusBeta2')], `
      int i = getOutputCoords();
      if (i < halfSize) {
        setOutput(getMv(i) * beta1 + getG(i) * oneMinusBeta1);
      } else {
        float gi = getG(i - halfSize);
        setOutput(getMv(i) * beta2 + (gi * gi) * oneMinusBeta2);
      }`);
    return gl.run(args, p, [mv, g], [[size(g)], [beta1], [1 - beta1], [beta2], [1 - beta2]], mv.shape);
  },
  webgpu(args, gpu) {
    const { beta1, beta2 } = attrs<AdamMomentsAttrs>(args);
    const mv = input(args, 'moments');
    const g = input(args, 'grad');
    const program = gpu.elementwise('adam_moments', ['MV', 'G'], size(mv), 'half : i32, beta1 : f32, oneMinusBeta1 : f32, beta2 : f32, oneMinusBeta2 : f32,', `
          let n = uniforms.half;
          if (index < n) {
            setOutputAtIndex(index, MV[index] * uniforms.beta1 + G[index] * uniforms.oneMinusBeta1);
          } else {
            let g = G[index - n];
            setOutputAtIndex(index, MV[index] * uniforms.beta2 + (g * g) * uniforms.oneMinusBeta2);
          }`);
    return gpu.run(args, program, [mv, g], [gpu.i32(size(g)), gpu.f32(beta1), gpu.f32(1 - beta1), gpu.f32(beta2), gpu.f32(1 - beta2)], mv.shape);
  },
};

const step: FusedKernelDef = {
  name: ADAM_STEP,
  memory(args, m) {
    const { lr, c1, c2, epsilon } = attrs<AdamStepAttrs>(args);
    const thetaInput = input(args, 'theta');
    return m.output(args, thetaInput.shape, (out) => {
      const theta = m.values(args, thetaInput);
      const mv = m.values(args, input(args, 'moments'));
      const n = theta.length;
      const l = f(lr), k1 = f(c1), k2 = f(c2), eps = f(epsilon);
      for (let i = 0; i < n; i++) {
        const update = f(f(mv[i] / k1) / f(f(Math.sqrt(f(mv[n + i] / k2))) + eps));
        out[i] = f(theta[i] - f(update * l));
      }
    });
  },
  webgl(args, gl) {
    const { lr, c1, c2, epsilon } = attrs<AdamStepAttrs>(args);
    const theta = input(args, 'theta');
    const p = gl.program(['theta', 'mv'], size(theta), [gl.int('halfSize'), gl.float('lr'), gl.float('c1'), gl.float('c2'), gl.float('epsilon')], `
      int i = getOutputCoords();
      float update = (getMv(i) / c1) / (sqrt(getMv(i + halfSize) / c2) + epsilon);
      setOutput(getTheta(i) - update * lr);`);
    return gl.run(args, p, [theta, input(args, 'moments')], [[size(theta)], [lr], [c1], [c2], [epsilon]], theta.shape);
  },
  webgpu(args, gpu) {
    const { lr, c1, c2, epsilon } = attrs<AdamStepAttrs>(args);
    const theta = input(args, 'theta');
    const program = gpu.elementwise('adam_step', ['THETA', 'MV'], size(theta), 'lr : f32, c1 : f32, c2 : f32, epsilon : f32,', `
          let step = (MV[index] / uniforms.c1) / (sqrt(MV[index + uniforms.size] / uniforms.c2) + uniforms.epsilon);
          setOutputAtIndex(index, THETA[index] - step * uniforms.lr);`);
    return gpu.run(args, program, [theta, input(args, 'moments')], [gpu.f32(lr), gpu.f32(c1), gpu.f32(c2), gpu.f32(epsilon)], theta.shape);
  },
};

export const kernels = [moments, step];

/** The composed ops the kernels replace, as the engine computed the update before they existed. */
function momentsComposed(m: tf.Tensor, v: tf.Tensor, g: tf.Tensor, a: AdamMomentsAttrs): [tf.Tensor, tf.Tensor] {
  return [
    tf.add(tf.mul(m, a.beta1), tf.mul(g, 1 - a.beta1)),
    tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(g), 1 - a.beta2)),
  ];
}

function stepComposed(theta: tf.Tensor, m: tf.Tensor, v: tf.Tensor, a: AdamStepAttrs): tf.Tensor {
  const update = tf.div(tf.div(m, a.c1), tf.add(tf.sqrt(tf.div(v, a.c2)), a.epsilon));
  return tf.sub(theta, tf.mul(update, a.lr));
}

/** Adam steps with the composed moments and θ carried on, the fused moments carried beside them. */
export const check: FusedCheck = {
  start: ({ shape, normal }) => ({ theta: normal(0.1), m: tf.zeros(shape), v: tf.zeros(shape), mv: tf.zeros([2 * tf.util.sizeFromShape(shape)]) }),
  step({ step: t, normal }, { theta, m, v, mv }) {
    const momentsAttrs = { beta1: 0.9, beta2: 0.999 };
    const stepAttrs = { lr: 2e-3, c1: 1 - 0.9 ** t, c2: 1 - 0.999 ** t, epsilon: 1e-8 };
    const g = normal(0.05);
    const fusedMoments = adamMoments(mv, g, momentsAttrs);
    const [mNext, vNext] = momentsComposed(m, v, g, momentsAttrs);
    const proposed = stepComposed(theta, mNext, vNext, stepAttrs);
    return {
      compared: [
        { kernel: 'adam moments', fused: fusedMoments, composed: tf.concat([tf.reshape(mNext, [-1]), tf.reshape(vNext, [-1])]) },
        { kernel: 'adam step', fused: adamStep(theta, fusedMoments, stepAttrs), composed: proposed },
      ],
      next: { theta: proposed, m: mNext, v: vNext, mv: fusedMoments },
    };
  },
};
