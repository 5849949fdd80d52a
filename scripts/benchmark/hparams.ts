/**
 * DomainBed's ERM hyper-parameters for its MNIST datasets (domainbed/hparams_registry.py, the
 * SMALL_IMAGES branch): Adam with lr = 10^U(−4.5, −2.5) (default 1e-3), weight decay 0, batch size
 * per training domain int(2^U(3, 9)) (default 64). Sample 0 is the defaults, as hparams_seed 0 is
 * in DomainBed's sweeps; sample h > 0 is drawn from a stream named by (trial, h), as DomainBed seeds
 * its draws with (hparams_seed, trial_seed). Our reduced budget caps the batch (maxBatch) so one
 * sample cannot cost 8× another; the cap is stated with every table.
 */
import { createRng } from '../../src/engine/rng';

export interface ErmHparams {
  lr: number;
  /** images per training domain in each step */
  batchPerDomain: number;
}

export const DOMAINBED_DEFAULTS: ErmHparams = { lr: 1e-3, batchPerDomain: 64 };

export function ermHparams(sample: number, trial: number, maxBatch: number): ErmHparams {
  if (sample === 0) return { lr: DOMAINBED_DEFAULTS.lr, batchPerDomain: Math.min(DOMAINBED_DEFAULTS.batchPerDomain, maxBatch) };
  const rng = createRng(trial, `domainbed-hparams:${sample}`);
  const lr = 10 ** rng.uniform(-4.5, -2.5);
  const batch = Math.floor(2 ** rng.uniform(3, 9));
  return { lr, batchPerDomain: Math.min(batch, maxBatch) };
}
