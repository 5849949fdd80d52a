import { describe, expect, it } from 'vitest';
import type { ModelInspection } from '../../engine/models/byo/types';
import { lookupModel, userModelId, userModelName, type UserModel } from './userModels';

const candidate = (layer: string, blocks: number, bn: number) => ({
  layer, className: 'Dense', units: 8, backboneParams: 100, dropped: [],
  batchNormLayers: Array.from({ length: bn }, (_, i) => `bn${i}`),
  anatomy: { inputShape: [28, 28, 3] as [number, number, number], blocks: Array.from({ length: blocks }, (_, i) => ({ name: `block${i + 1}`, layers: [`l${i}`] })), featureLayer: layer, headLayer: 'head', taps: [] },
});
const inspection = {
  modelName: 'net', candidates: [candidate('gap', 3, 2), candidate('fc', 4, 2)], defaultFeatureLayer: 'fc',
} as unknown as ModelInspection;
const model = (featureLayer: string): UserModel => ({ id: 'custom:net', name: 'net', origin: 'files', inspection, featureLayer });

describe('user models in the page', () => {
  it('ids are prefixed, slugged and unique', () => {
    expect(userModelId('My CNN!', new Set())).toBe('custom:my-cnn');
    expect(userModelId('My CNN!', new Set(['custom:my-cnn', 'custom:my-cnn-2']))).toBe('custom:my-cnn-3');
    expect(userModelId('???', new Set())).toBe('custom:model');
  });

  it('names come from the folder, else the model, and are unique', () => {
    expect(userModelName('mnist-cnn', inspection)).toBe('mnist-cnn');
    expect(userModelName(undefined, inspection)).toBe('net');
    expect(userModelName(undefined, inspection, [model('fc')])).toBe('net (2)');
  });

  it('validation sees the blocks of the chosen split point; shipped models still resolve', () => {
    expect(lookupModel([model('fc')], 'custom:net')).toEqual({ blockCount: 4, hasBatchNorm: true });
    expect(lookupModel([model('gap')], 'custom:net')).toEqual({ blockCount: 3, hasBatchNorm: true });
    expect(lookupModel([], 'custom:net')).toBeUndefined();
    expect(lookupModel([], 'resnet-broad')?.blockCount).toBe(4);
  });
});
