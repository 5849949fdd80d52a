/**
 * DomainBed's MNIST_CNN as a model the engine can run without files: a host model source built
 * from scratch for each run (seeded by the run), and the facts config validation needs.
 * Ids are `domainbed-mnist-cnn-w<width>-c<channels>`.
 */
import type { ModelLookup } from '../../src/engine/config/validate';
import { zooLookup } from '../../src/engine/config/modelLookup';
import { buildMnistCnn } from '../../src/engine/models/mnistCnn';
import type { ModelSource } from '../../src/engine/training/session';

const PATTERN = /^domainbed-mnist-cnn-w(\d+)-c([12])$/;

export function mnistCnnId(width: number, inputChannels: 1 | 2): string {
  return `domainbed-mnist-cnn-w${width}-c${inputChannels}`;
}

/** The from-scratch network for a model id (initialised with `seed`), or undefined for other ids. */
export function mnistCnnSource(id: string, numClasses: number, seed: number): ModelSource | undefined {
  const m = PATTERN.exec(id);
  if (!m) return undefined;
  const built = buildMnistCnn({ width: Number(m[1]), inputChannels: Number(m[2]) as 1 | 2, numClasses, seed });
  // built eagerly: the anatomy is needed before load(); the weights are created once per run
  return { load: async () => built.model, anatomy: built.anatomy };
}

/** Validation's view: the zoo's models and any MNIST_CNN id (4 blocks, GroupNorm, no BatchNorm). */
export const benchmarkModelLookup: ModelLookup = (id) => (PATTERN.test(id) ? { blockCount: 4, hasBatchNorm: false } : zooLookup(id));
