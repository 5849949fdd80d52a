/** A run's data, whatever its target: a shipped image set, a DomainBed benchmark with a held-out domain, or the user's own images. */
import type { AssetReader } from '../assets';
import type { RunConfig } from '../config/schema';
import { loadBenchmarkData } from './benchmarks/benchmarkData';
import { loadTargetData, type TargetData } from './targetData';
import { isBenchmark } from './targets';
import { loadUserData } from './user/userData';
import { isUserTarget, type UserDataset } from './user/userDataset';

/** The user's own datasets the host holds (sent by the page; never read from a server). */
export type UserDatasetSource = (id: string) => UserDataset | undefined;

export async function loadRunData(reader: AssetReader, config: RunConfig, userDatasets: UserDatasetSource = () => undefined): Promise<TargetData> {
  const common = {
    trainSize: config.trainSize, evalSize: config.evalSize, probeSize: config.probeSize,
    shifts: config.shifts, severity: config.severity, shiftSeed: config.seed,
    targetClasses: config.targetClasses, labelNoise: config.labelNoise, noiseSeed: config.seed,
  };
  const { dataset } = config;
  if (isUserTarget(dataset)) {
    const own = userDatasets(dataset);
    if (!own) throw new Error(`dataset ${dataset}: this dataset of your own images was not given to the run (it lives only in the browser that made it)`);
    return loadUserData({ ...common, dataset: own });
  }
  return isBenchmark(dataset)
    ? loadBenchmarkData(reader, { ...common, dataset, testDomain: config.testDomain, seed: config.seed })
    : loadTargetData(reader, { ...common, dataset });
}
