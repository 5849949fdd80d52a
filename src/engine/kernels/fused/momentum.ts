/** SGD's momentum buffer (PyTorch form) as one fused kernel. */
import * as tf from '@tensorflow/tfjs';
import { attrs, input, size } from '../args';
import type { FusedCheck, FusedKernelDef } from '../definition';
import { runFused } from '../op';

/** buffer [n], grad [n] → μ·b + g */
export const MOMENTUM = 'FtpMomentum';
export interface MomentumAttrs { momentum: number }

export const momentumBuffer = (buffer: tf.Tensor, grad: tf.Tensor, momentum: number) => runFused(MOMENTUM, { buffer, grad }, { momentum });

const f = Math.fround;

const buffer: FusedKernelDef = {
  name: MOMENTUM,
  memory(args, m) {
    const b = input(args, 'buffer');
    return m.output(args, b.shape, (out) => {
      const bv = m.values(args, b);
      const g = m.values(args, input(args, 'grad'));
      // rounded after every operation, as the composed f32 ops are
      const mu = f(attrs<MomentumAttrs>(args).momentum);
      for (let i = 0; i < g.length; i++) out[i] = f(f(bv[i] * mu) + g[i]);
    });
  },
  webgl(args, gl) {
    const b = input(args, 'buffer');
    const p = gl.program(['b', 'g'], size(b), [gl.float('momentum')], `
      int i = getOutputCoords();
      setOutput(getB(i) * momentum + getG(i));`);
    return gl.run(args, p, [b, input(args, 'grad')], [[attrs<MomentumAttrs>(args).momentum]], b.shape);
  },
  webgpu(args, gpu) {
    const b = input(args, 'buffer');
    const program = gpu.elementwise('momentum', ['B', 'G'], size(b), 'momentum : f32,', `
          setOutputAtIndex(index, B[index] * uniforms.momentum + G[index]);`);
    return gpu.run(args, program, [b, input(args, 'grad')], [gpu.f32(attrs<MomentumAttrs>(args).momentum)], b.shape);
  },
};

export const kernels = [buffer];

/** The composed ops the kernel replaces. */
const momentumComposed = (b: tf.Tensor, g: tf.Tensor, momentum: number) => tf.add(tf.mul(b, momentum), g);

/** Momentum steps with the composed buffer carried on. */
export const check: FusedCheck = {
  start: ({ normal }) => ({ buffer: normal(0.05) }),
  step({ normal }, { buffer: b }) {
    const g = normal(0.05);
    const composed = momentumComposed(b, g, 0.9);
    return { compared: [{ kernel: 'momentum', fused: momentumBuffer(b, g, 0.9), composed }], next: { buffer: composed } };
  },
};
