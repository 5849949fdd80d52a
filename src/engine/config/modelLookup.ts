import { zooEntry } from '../models/zoo';
import type { ModelLookup } from './validate';

/** Validation's view of the shipped models. */
export const zooLookup: ModelLookup = (id) => {
  const entry = zooEntry(id);
  return entry ? { blockCount: entry.blockCount, hasBatchNorm: entry.hasBatchNorm } : undefined;
};
