/** A run's data, whatever its target: a shipped image set, or a DomainBed benchmark with a held-out domain. */
import type { AssetReader } from '../assets';
import type { RunConfig } from '../config/schema';
import { loadBenchmarkData } from './benchmarks/benchmarkData';
import { loadTargetData, type TargetData } from './targetData';
import { isBenchmark } from './targets';

export async function loadRunData(reader: AssetReader, config: RunConfig): Promise<TargetData> {
  const common = {
    trainSize: config.trainSize, evalSize: config.evalSize, probeSize: config.probeSize,
    shifts: config.shifts, severity: config.severity, shiftSeed: config.seed,
    targetClasses: config.targetClasses, labelNoise: config.labelNoise, noiseSeed: config.seed,
  };
  const { dataset } = config;
  return isBenchmark(dataset)
    ? loadBenchmarkData(reader, { ...common, dataset, testDomain: config.testDomain, seed: config.seed })
    : loadTargetData(reader, { ...common, dataset });
}
