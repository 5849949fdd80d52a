/**
 * The squared distance to an anchor and its gradient, each one fused kernel: L2-SP's penalty
 * (strength/2)·‖x − anchor‖² and the pull it adds to the gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { attrs, input, size } from '../args';
import type { FusedCheck, FusedKernelDef } from '../definition';
import { runFused } from '../op';

/** x, anchor [n] → Σ (x − anchor)² as a scalar */
export const SQUARED_DISTANCE = 'FtpSquaredDistance';

/** grad, x, anchor [n] → grad + strength · (x − anchor): the gradient of (strength/2)·‖x − anchor‖² added to grad */
export const PULL = 'FtpPull';
export interface PullAttrs { strength: number }

export const squaredDistance = (x: tf.Tensor, anchor: tf.Tensor) => runFused(SQUARED_DISTANCE, { x, anchor }) as tf.Scalar;
export const pull = (grad: tf.Tensor, x: tf.Tensor, anchor: tf.Tensor, strength: number) => runFused(PULL, { grad, x, anchor }, { strength });

// Math.fround after every operation rounds as the composed f32 ops do; the sum accumulates in order, in f64
const f = Math.fround;

const distance: FusedKernelDef = {
  name: SQUARED_DISTANCE,
  memory(args, m) {
    return m.output(args, [], (out) => {
      const x = m.values(args, input(args, 'x'));
      const anchor = m.values(args, input(args, 'anchor'));
      let sum = 0;
      for (let i = 0; i < x.length; i++) {
        const d = f(x[i] - anchor[i]);
        sum += f(d * d);
      }
      out[0] = sum;
    });
  },
  webgl(args, gl) {
    const x = input(args, 'x');
    // the tensor size is a constant of the shader: GLSL ES loops want constant bounds
    const p = gl.program(['x', 'anchor'], 1, [], `
      float sum = 0.0;
      for (int i = 0; i < ${size(x)}; i++) {
        float d = getX(i) - getAnchor(i);
        sum += d * d;
      }
      setOutput(sum);`);
    return gl.run(args, p, [x, input(args, 'anchor')], [], []);
  },
  webgpu(args, gpu) {
    const x = input(args, 'x');
    const program = gpu.reduction('squared_distance', ['X', 'ANCHOR'], 1,
      'vec3<f32>((X[i] - ANCHOR[i]) * (X[i] - ANCHOR[i]), 0.0, 0.0)', `
          result[0] = t.x;`);
    return gpu.run(args, program, [x, input(args, 'anchor')], [gpu.i32(size(x))], []);
  },
};

const pullKernel: FusedKernelDef = {
  name: PULL,
  memory(args, m) {
    const gInput = input(args, 'grad');
    return m.output(args, gInput.shape, (out) => {
      const g = m.values(args, gInput);
      const x = m.values(args, input(args, 'x'));
      const anchor = m.values(args, input(args, 'anchor'));
      const s = f(attrs<PullAttrs>(args).strength);
      for (let i = 0; i < x.length; i++) out[i] = f(g[i] + f(f(x[i] - anchor[i]) * s));
    });
  },
  webgl(args, gl) {
    const g = input(args, 'grad');
    const p = gl.program(['g', 'x', 'anchor'], size(g), [gl.float('strength')], `
      int i = getOutputCoords();
      setOutput(getG(i) + (getX(i) - getAnchor(i)) * strength);`);
    return gl.run(args, p, [g, input(args, 'x'), input(args, 'anchor')], [[attrs<PullAttrs>(args).strength]], g.shape);
  },
  webgpu(args, gpu) {
    const g = input(args, 'grad');
    const program = gpu.elementwise('pull', ['G', 'X', 'ANCHOR'], size(g), 'strength : f32,', `
          setOutputAtIndex(index, G[index] + (X[index] - ANCHOR[index]) * uniforms.strength);`);
    return gpu.run(args, program, [g, input(args, 'x'), input(args, 'anchor')], [gpu.f32(attrs<PullAttrs>(args).strength)], g.shape);
  },
};

export const kernels = [distance, pullKernel];

/** The composed ops the kernels replace: the penalty's sum, and the gradient as the tape adds it. */
const distanceComposed = (x: tf.Tensor, anchor: tf.Tensor) => tf.sum(tf.square(tf.sub(x, anchor)));
const pullComposed = (g: tf.Tensor, x: tf.Tensor, anchor: tf.Tensor, strength: number) => tf.add(g, tf.mul(tf.sub(x, anchor), strength));

/** L2-SP's gradient steps from near an anchor, the composed x carried on. */
export const check: FusedCheck = {
  start({ normal }) {
    const x = normal(0.1);
    return { x, anchor: tf.add(x, normal(0.01)) };
  },
  step({ normal }, { x, anchor }) {
    const g = normal(0.05);
    const pulled = pullComposed(g, x, anchor, 0.37);
    return {
      compared: [
        { kernel: 'squared distance', fused: squaredDistance(x, anchor), composed: distanceComposed(x, anchor), reduces: true },
        { kernel: 'pull', fused: pull(g, x, anchor, 0.37), composed: pulled },
      ],
      next: { x: tf.sub(x, tf.mul(pulled, 0.02)), anchor },
    };
  },
};
