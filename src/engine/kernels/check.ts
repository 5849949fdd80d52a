/**
 * The fused kernels against the composed ops they replace (reference.ts), on whatever backend is
 * active: the unit tests run it on cpu and wasm, the browser harness on webgl and webgpu. Seeded
 * random inputs of the shapes training sees (a conv kernel, a bias, odd sizes), several steps.
 */
import * as tf from '@tensorflow/tfjs';
import { adamMoments, adamStep, momentumBuffer, pull, scaledSub, spdApply, spdState, squaredDistance } from './ops';
import { adamMomentsComposed, adamStepComposed, momentumComposed, scaledSubComposed, spdComposed, squaredDistanceComposed, pullComposed } from './reference';

export interface KernelDifference {
  kernel: string;
  shape: number[];
  /** max |fused − composed| / max |composed|: the error relative to the tensor's scale */
  relative: number;
  /**
   * the largest elementwise |fused − composed| / |composed| over elements with |composed| ≥ 1e-3 · max |composed|
   * (or max |fused − composed| when composed is all zeros)
   */
  elementwise: number;
  /** computed from a reduction (SPD's sums), whose summation order differs from TF.js's Sum kernel */
  reduces: boolean;
}

export const CHECK_SHAPES: number[][] = [[3, 3, 16, 32], [64], [7, 5], [1]];

const REDUCING = new Set(['spd count', 'spd apply', 'squared distance']);

async function compare(kernel: string, fused: tf.Tensor, composed: tf.Tensor): Promise<KernelDifference> {
  const [a, b] = await Promise.all([fused.data(), composed.data()]);
  let scale = 0;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let elementwise = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    worst = Math.max(worst, d);
    if (Math.abs(b[i]) >= 1e-3 * scale) elementwise = Math.max(elementwise, d / Math.abs(b[i]));
  }
  return { kernel, shape: composed.shape, relative: scale > 0 ? worst / scale : worst, elementwise: scale > 0 ? elementwise : worst, reduces: REDUCING.has(kernel) };
}

/** Every fused kernel against its composed reference over three optimiser steps per shape. */
export async function checkFusedKernels(shapes: number[][] = CHECK_SHAPES, steps = 3): Promise<KernelDifference[]> {
  const out: KernelDifference[] = [];
  let seed = 7;
  const normal = (shape: number[], std = 1) => tf.randomNormal(shape, 0, std, 'float32', seed++);
  for (const shape of shapes) {
    const n = tf.util.sizeFromShape(shape);
    // the state carried from step to step: the composed path's, and the fused moments
    let s = tf.tidy(() => {
      const theta = normal(shape, 0.1);
      return { theta, anchor: tf.add(theta, normal(shape, 0.01)), m: tf.zeros(shape), v: tf.zeros(shape), mv: tf.zeros([2 * n]), state: tf.zeros([4]) };
    });
    for (let t = 1; t <= steps; t++) {
      const momentsAttrs = { beta1: 0.9, beta2: 0.999 };
      const stepAttrs = { lr: 2e-3, c1: 1 - 0.9 ** t, c2: 1 - 0.999 ** t, epsilon: 1e-8 };
      const { pairs, next } = tf.tidy(() => {
        const g = normal(shape, 0.05);
        const mv = adamMoments(s.mv, g, momentsAttrs);
        const [m, v] = adamMomentsComposed(s.m, s.v, g, momentsAttrs);
        const proposedRef = adamStepComposed(s.theta, m, v, stepAttrs);
        const state = spdState(s.theta, g, s.anchor, proposedRef, s.state);
        const { projected, inconsistent } = spdComposed(s.theta, g, s.anchor, proposedRef, 1);
        const pairs: [string, tf.Tensor, tf.Tensor][] = [
          ['adam moments', tf.clone(mv), tf.concat([tf.reshape(m, [-1]), tf.reshape(v, [-1])])],
          ['adam step', adamStep(s.theta, mv, stepAttrs), proposedRef],
          ['spd count', tf.slice(state, [3], [1]), tf.add(tf.slice(s.state, [3], [1]), inconsistent)],
          ['spd apply', spdApply(proposedRef, s.anchor, state, { lambda: 1 }), tf.clone(projected)],
          ['momentum', momentumBuffer(m, g, 0.9), momentumComposed(m, g, 0.9)],
          ['scaled sub', scaledSub(s.theta, g, 0.01), scaledSubComposed(s.theta, g, 0.01)],
          ['squared distance', squaredDistance(s.theta, s.anchor), squaredDistanceComposed(s.theta, s.anchor)],
          ['pull', pull(g, s.theta, s.anchor, 0.37), pullComposed(g, s.theta, s.anchor, 0.37)],
        ];
        return { pairs, next: { theta: projected, anchor: tf.clone(s.anchor), m, v, mv, state } };
      });
      for (const [kernel, fused, composed] of pairs) out.push(await compare(kernel, fused, composed));
      tf.dispose([...pairs.flatMap(([, a, b]) => [a, b]), ...Object.values(s)]);
      s = next;
    }
    tf.dispose(Object.values(s));
  }
  return out;
}
