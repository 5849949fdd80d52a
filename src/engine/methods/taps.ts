/** Intermediate tap outputs: pooling to vectors, and caches of the frozen pretrained taps. */
import * as tf from '@tensorflow/tfjs';
import { chunks, type DeviceSet } from '../data/deviceData';
import { EVAL_BATCH } from '../metrics/accuracy';
import type { Network } from '../models/network';

/** [B,H,W,C] or [B,N,C] → [B,C] by averaging over positions; [B,C] unchanged. */
export function poolTap(t: tf.Tensor): tf.Tensor2D {
  if (t.rank === 2) return t as tf.Tensor2D;
  return tf.mean(t, Array.from({ length: t.rank - 2 }, (_, i) => i + 1)) as tf.Tensor2D;
}

/**
 * Tap outputs of the network in inference mode for every image of a set, computed once: the
 * frozen pretrained model's view of the training images (LEVI, FT-LP). `tapIndices` select taps.
 */
export class TapCache {
  private readonly cached: tf.Tensor[] = [];

  build(net: Network, set: DeviceSet, tapIndices: number[], pooled: boolean): void {
    this.dispose();
    const parts: tf.Tensor[][] = tapIndices.map(() => []);
    for (const c of chunks(set.count, EVAL_BATCH)) {
      tf.tidy(() => {
        const taps = net.forward(set.x.slice([c.start, 0, 0, 0], [c.size, -1, -1, -1]), false).taps;
        tapIndices.forEach((t, i) => parts[i].push(tf.keep(pooled ? poolTap(taps[t]) : taps[t])));
      });
    }
    for (const p of parts) {
      this.cached.push(tf.concat(p));
      tf.dispose(p);
    }
  }

  gather(indices: tf.Tensor1D): tf.Tensor[] {
    return this.cached.map((t) => tf.gather(t, indices));
  }

  get size(): number {
    return this.cached.length;
  }

  dispose(): void {
    tf.dispose(this.cached);
    this.cached.length = 0;
  }
}
