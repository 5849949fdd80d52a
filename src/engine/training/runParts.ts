/**
 * What a run and its evaluation replica both start from: the run's data on the device and the
 * pretrained network with a fresh head, built from the config alone (so a second worker builds
 * the same network and the same evaluation sets).
 */
import type * as tf from '@tensorflow/tfjs';
import type { AssetReader } from '../assets';
import type { RunConfig } from '../config/schema';
import { disposeSet, uploadSet, type DeviceSet } from '../data/deviceData';
import { loadRunData, type UserDatasetSource } from '../data/runData';
import type { TargetData } from '../data/targetData';
import type { DeviceData } from '../methods/types';
import type { ModelAnatomy } from '../models/anatomy';
import { Network, type HeadInit } from '../models/network';
import { loadPretrained } from '../models/pretrained';

/** A model the host provides itself (a user's own model) instead of a shipped one read through `reader`. */
export interface ModelSource {
  load(): Promise<tf.LayersModel>;
  anatomy: ModelAnatomy;
}

export interface PartsHost {
  reader: AssetReader;
  /** models known by id to the host (ids the zoo does not have); consulted before the zoo */
  models?: (id: string) => ModelSource | undefined;
  /** the user's own datasets ('user:<id>') the host was given */
  datasets?: UserDatasetSource;
}

function uploadAll(data: TargetData): DeviceData {
  const up = (s: TargetData['train']) => uploadSet(s, data.numClasses);
  return {
    numClasses: data.numClasses,
    train: up(data.train), trainDomains: data.trainDomains, val: up(data.val), test: up(data.test),
    ood: data.ood.map((o) => ({ shift: o.shift, set: up(o.set) })),
    probeRows: data.probeRows,
  };
}

export function deviceSets(d: DeviceData): DeviceSet[] {
  return [d.train, d.val, d.test, ...d.ood.map((o) => o.set)];
}

/** The run's data, read and uploaded. */
export async function loadDeviceData(config: RunConfig, host: PartsHost): Promise<{ cpuData: TargetData; data: DeviceData }> {
  const cpuData = await loadRunData(host.reader, config, host.datasets);
  return { cpuData, data: uploadAll(cpuData) };
}

/** The pretrained network with a new head for the run's classes. */
export async function loadNetwork(config: RunConfig, host: PartsHost, data: DeviceData, headInit: HeadInit): Promise<Network> {
  const custom = host.models?.(config.model);
  const { model, anatomy } = custom
    ? { model: await custom.load(), anatomy: custom.anatomy }
    : await loadPretrained(host.reader, config.model).then(({ model: m, card }) => ({ model: m, anatomy: card.anatomy }));
  return new Network(model, anatomy, { numClasses: data.numClasses, headInit, seed: config.seed });
}

export function disposeDeviceData(data: DeviceData): void {
  deviceSets(data).forEach(disposeSet);
}
