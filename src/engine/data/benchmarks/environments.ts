/**
 * DomainBed's MultipleEnvironmentMNIST (domainbed/datasets.py) and its per-environment holdout
 * (domainbed/scripts/train.py with lib/misc.py split_dataset), on our pool of MNIST digits:
 * - the pool is shuffled with the run's seed (DomainBed: torch.randperm after torch.manual_seed),
 *   and environment i takes every E-th image starting at i (`images[i::E]`), so the environments
 *   are disjoint and differ in size by at most one;
 * - each environment is split by its own seeded shuffle into an 'out' part of int(n · 0.2) images
 *   (DomainBed's holdout_fraction default) and an 'in' part with the rest. Training uses the 'in'
 *   parts of the training environments, model selection their 'out' parts, and the reported test
 *   accuracy is the 'in' part of the held-out environment.
 * Our RNG (pure-rand via rng.ts) is not torch's or numpy's: the same rules, other draws.
 */
import { createRng, permutation } from '../../rng';

export const HOLDOUT_FRACTION = 0.2;

/** Rows of the pool in each environment: a seeded shuffle dealt out like `shuffled[i::E]`. */
export function dealEnvironments(poolSize: number, environments: number, seed: number): Int32Array[] {
  const shuffled = permutation(poolSize, createRng(seed, 'domainbed:pool-shuffle'));
  return Array.from({ length: environments }, (_, i) => {
    const rows: number[] = [];
    for (let k = i; k < poolSize; k += environments) rows.push(shuffled[k]);
    return Int32Array.from(rows);
  });
}

/** Positions within one environment of its 'out' (first int(n·fraction) of a seeded shuffle) and 'in' rows. */
export function holdoutSplit(size: number, environment: number, seed: number, fraction = HOLDOUT_FRACTION): { out: Int32Array; in: Int32Array } {
  const keys = permutation(size, createRng(seed, `domainbed:holdout:env${environment}`));
  const outCount = Math.floor(size * fraction);
  return { out: keys.slice(0, outCount), in: keys.slice(outCount) };
}
