/** The training batches' order, seeded: the same seed gives every method the same batches. */
import { createRng, permutation } from '../rng';

/** Seeded batch order: a fresh permutation per epoch; the last partial batch is dropped. */
export class BatchSampler {
  private order: Int32Array = new Int32Array(0);
  private cursor = Infinity;
  private epoch = 0;
  constructor(private readonly count: number, private readonly batchSize: number, private readonly seed: number) {}
  next(): Int32Array {
    if (this.cursor + this.batchSize > this.order.length) {
      this.order = permutation(this.count, createRng(this.seed, `batches:epoch${this.epoch++}`));
      this.cursor = 0;
    }
    const out = this.order.slice(this.cursor, this.cursor + this.batchSize);
    this.cursor += this.batchSize;
    return out;
  }
}
