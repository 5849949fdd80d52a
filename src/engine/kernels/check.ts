/**
 * The fused kernels against the composed ops they replace, on whatever backend is active: the unit
 * tests run it on cpu and wasm, the browser harness on webgl and webgpu. Each family's check runs
 * several steps on seeded random inputs of the shapes training sees (a conv kernel, a bias, odd sizes).
 */
import * as tf from '@tensorflow/tfjs';
import type { Carried, CheckStep, Comparison } from './definition';
import { FUSED_FAMILIES } from './fused';

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
  /** computed from a reduction, whose summation order differs from TF.js's Sum kernel */
  reduces: boolean;
}

export const CHECK_SHAPES: number[][] = [[3, 3, 16, 32], [64], [7, 5], [1]];

async function compare({ kernel, fused, composed, reduces }: Comparison): Promise<KernelDifference> {
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
  return { kernel, shape: composed.shape, relative: scale > 0 ? worst / scale : worst, elementwise: scale > 0 ? elementwise : worst, reduces: reduces ?? false };
}

/** Every family's kernels against their composed references over `steps` steps per shape. */
export async function checkFusedKernels(shapes: number[][] = CHECK_SHAPES, steps = 3): Promise<KernelDifference[]> {
  const out: KernelDifference[] = [];
  // one seed sequence per family, so that adding a family changes no other family's inputs
  const seeds = FUSED_FAMILIES.map(() => 7);
  for (const shape of shapes) {
    const at = (k: number, step: number): CheckStep => ({ shape, step, normal: (std) => tf.randomNormal(shape, 0, std, 'float32', seeds[k]++) });
    const carried: Carried[] = FUSED_FAMILIES.map(({ check }, k) => tf.tidy(() => check.start(at(k, 0))));
    for (let t = 1; t <= steps; t++) {
      for (const [k, { check }] of FUSED_FAMILIES.entries()) {
        const { compared, next } = tf.tidy(() => check.step(at(k, t), carried[k]));
        for (const c of compared) out.push(await compare(c));
        // a check may carry a compared or a carried tensor on: dispose only what it drops
        const kept = new Set(Object.values(next));
        tf.dispose([...compared.flatMap((c) => [c.fused, c.composed]), ...Object.values(carried[k])].filter((x) => !kept.has(x)));
        carried[k] = next;
      }
    }
    tf.dispose(carried.flatMap((c) => Object.values(c)));
  }
  return out;
}
