/** Folded inference gives the unfolded outputs on the shipped models, with no BatchNorm kernel left. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicDirReader } from '../../../scripts/node/fileAssets';
import { useNodeBackend } from '../../../scripts/node/tfNode';
import { Network } from './network';
import { loadPretrained } from './pretrained';

beforeAll(async () => { await useNodeBackend('wasm'); });

/** Kernel names run by `f` (synchronously), with their counts. */
function kernelsOf(f: () => void): Map<string, number> {
  const engine = tf.engine() as unknown as { runKernel(name: string, ...rest: unknown[]): unknown };
  const original = engine.runKernel;
  const seen = new Map<string, number>();
  engine.runKernel = function (name: string, ...rest: unknown[]) {
    seen.set(name, (seen.get(name) ?? 0) + 1);
    return original.call(engine, name, ...rest);
  };
  try { f(); } finally { engine.runKernel = original; }
  return seen;
}

describe.each(['resnet-broad', 'mlp-broad', 'vit-broad'])('BatchNorm folding on %s', (id) => {
  it('gives the same logits, features and taps as the layers in inference mode', async () => {
    const { model, card } = await loadPretrained(publicDirReader(), id);
    const net = new Network(model, card.anatomy, { numClasses: 10, headInit: 'glorot', seed: 1 });
    const x = tf.randomUniform([16, 28, 28, 3], 0, 1, 'float32', 3);
    const plain = net.forward(x, false);
    let folded!: ReturnType<Network['forward']>;
    const kernels = kernelsOf(() => { folded = net.withFoldedBatchNorm(() => net.forward(x, false)); });
    const hasBatchNorm = net.batchNormLayers.length > 0;
    // every BatchNorm of these models follows a convolution or dense layer: none runs on its own
    expect(kernels.get('FusedBatchNorm') ?? 0).toBe(0);
    if (hasBatchNorm) expect(kernelsOf(() => net.forward(x, false)).get('FusedBatchNorm')).toBe(net.batchNormLayers.length);
    const pairs: [tf.Tensor, tf.Tensor][] = [[folded.logits, plain.logits], [folded.features, plain.features], ...folded.taps.map((t, i) => [t, plain.taps[i]] as [tf.Tensor, tf.Tensor])];
    for (const [a, b] of pairs) {
      const [av, bv] = [await a.data(), await b.data()];
      const scale = Math.max(...Array.from(bv, Math.abs));
      av.forEach((v, i) => expect(Math.abs(v - bv[i])).toBeLessThanOrEqual(2e-5 * scale));
    }
    // training calls are untouched by the folding scope
    const trained = kernelsOf(() => net.withFoldedBatchNorm(() => net.forward(x, true)));
    if (hasBatchNorm) expect((trained.get('Mean') ?? 0)).toBeGreaterThan(0);
    tf.dispose([x, plain.logits, plain.features, ...plain.taps, folded.logits, folded.features, ...folded.taps]);
    net.dispose();
  });
});
