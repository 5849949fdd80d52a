/**
 * Batches that draw evenly from each training domain of a benchmark, as DomainBed's do (one loader
 * per training environment, their minibatches concatenated): each step takes ⌊B/D⌋ or ⌈B/D⌉ rows
 * from every domain, each domain through its own seeded permutation per pass over it.
 * DomainBed samples each environment with replacement; going through a permutation instead keeps
 * every image in use, as the rest of the engine does.
 */
import { createRng, permutation } from '../rng';

export class DomainBalancedSampler {
  private readonly rows: Int32Array[];
  private readonly shares: number[];
  private readonly orders: Int32Array[];
  private readonly cursors: number[];
  private readonly passes: number[];

  constructor(domainOfRow: Uint8Array, batchSize: number, private readonly seed: number) {
    const all = Array.from(domainOfRow);
    const domains = Math.max(...all) + 1;
    this.rows = Array.from({ length: domains }, (_, d) => Int32Array.from(all.flatMap((x, i) => (x === d ? [i] : []))));
    this.shares = Array.from({ length: domains }, (_, d) => Math.floor(batchSize / domains) + (d < batchSize % domains ? 1 : 0));
    this.rows.forEach((r, d) => {
      if (r.length < this.shares[d]) throw new Error(`training domain ${d} has ${r.length} images, fewer than its ${this.shares[d]} per batch`);
    });
    this.orders = this.rows.map(() => new Int32Array(0));
    this.cursors = this.rows.map(() => Infinity);
    this.passes = this.rows.map(() => 0);
  }

  next(): Int32Array {
    const out: number[] = [];
    this.rows.forEach((rows, d) => {
      const share = this.shares[d];
      if (this.cursors[d] + share > this.orders[d].length) {
        this.orders[d] = permutation(rows.length, createRng(this.seed, `batches:domain${d}:pass${this.passes[d]++}`));
        this.cursors[d] = 0;
      }
      for (let k = 0; k < share; k++) out.push(rows[this.orders[d][this.cursors[d] + k]]);
      this.cursors[d] += share;
    });
    return Int32Array.from(out);
  }
}
