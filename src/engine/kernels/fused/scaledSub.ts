/** x − y·scale as one fused kernel: a plain SGD step, and batch norm's running-statistics update. */
import * as tf from '@tensorflow/tfjs';
import { attrs, input, size } from '../args';
import type { FusedCheck, FusedKernelDef } from '../definition';
import { runFused } from '../op';

/** x [n], y [n] → x − y·scale */
export const SCALED_SUB = 'FtpScaledSub';
export interface ScaledSubAttrs { scale: number }

export const scaledSub = (x: tf.Tensor, y: tf.Tensor, scale: number) => runFused(SCALED_SUB, { x, y }, { scale });

const f = Math.fround;

const kernel: FusedKernelDef = {
  name: SCALED_SUB,
  memory(args, m) {
    const x = input(args, 'x');
    return m.output(args, x.shape, (out) => {
      const xv = m.values(args, x);
      const y = m.values(args, input(args, 'y'));
      // rounded after every operation, as the composed f32 ops are
      const s = f(attrs<ScaledSubAttrs>(args).scale);
      for (let i = 0; i < xv.length; i++) out[i] = f(xv[i] - f(y[i] * s));
    });
  },
  webgl(args, gl) {
    const x = input(args, 'x');
    const p = gl.program(['x', 'y'], size(x), [gl.float('scale')], `
      int i = getOutputCoords();
      setOutput(getX(i) - getY(i) * scale);`);
    return gl.run(args, p, [x, input(args, 'y')], [[attrs<ScaledSubAttrs>(args).scale]], x.shape);
  },
  webgpu(args, gpu) {
    const x = input(args, 'x');
    const program = gpu.elementwise('scaled_sub', ['X', 'Y'], size(x), 'scale : f32,', `
          setOutputAtIndex(index, X[index] - Y[index] * uniforms.scale);`);
    return gpu.run(args, program, [x, input(args, 'y')], [gpu.f32(attrs<ScaledSubAttrs>(args).scale)], x.shape);
  },
};

export const kernels = [kernel];

/** The composed ops the kernel replaces. */
const scaledSubComposed = (x: tf.Tensor, y: tf.Tensor, scale: number) => tf.sub(x, tf.mul(y, scale));

/** Steps of x ← x − y·0.01 with the composed x carried on. */
export const check: FusedCheck = {
  start: ({ normal }) => ({ x: normal(0.1) }),
  step({ normal }, { x }) {
    const y = normal(0.05);
    const composed = scaledSubComposed(x, y, 0.01);
    return { compared: [{ kernel: 'scaled sub', fused: scaledSub(x, y, 0.01), composed }], next: { x: composed } };
  },
};
