/** The fused kernels give the composed ops' numbers on the Node backends (webgl and webgpu: e2e/kernels-webgpu.spec.ts). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { checkFusedKernels } from './check';

describe.each(['cpu', 'wasm'] as const)('fused kernels on %s', (backend) => {
  it('match the composed ops within 1e-6 relative, without leaking tensors', async () => {
    await useNodeBackend(backend);
    const before = tf.memory().numTensors;
    const diffs = await checkFusedKernels();
    expect(tf.memory().numTensors).toBe(before);
    expect(new Set(diffs.map((d) => d.kernel)).size).toBe(8);
    for (const d of diffs) {
      expect(d.relative, `${d.kernel} ${d.shape}`).toBeLessThanOrEqual(1e-6);
      // elementwise kernels element by element; SPD's sums are reduced in another order than TF.js's Sum
      if (!d.reduces) expect(d.elementwise, `${d.kernel} ${d.shape}`).toBeLessThanOrEqual(1e-6);
    }
    // the memory backends round each operation as the composed ops do: identical numbers
    if (backend === 'cpu') for (const d of diffs.filter((x) => x.kernel !== 'spd count')) expect(d.relative, d.kernel).toBe(0);
  });
});
