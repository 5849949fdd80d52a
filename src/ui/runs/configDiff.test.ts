import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../engine/config/schema';
import { configDiffLabel, groupLabel, runLabel } from './configDiff';
import { BASE } from './testRuns';

const withMethod = (patch: Partial<RunConfig['method']>, rest: Partial<RunConfig> = {}): RunConfig => ({ ...BASE, ...rest, method: { ...BASE.method, ...patch } });

describe('configDiffLabel: what differs from the base, in plain words', () => {
  it('is empty for the same config', () => {
    expect(configDiffLabel(BASE, structuredClone(BASE))).toBe('');
  });

  it('names the method first, then the method settings that method uses', () => {
    expect(configDiffLabel(BASE, withMethod({ kind: 'lp-ft', lpLr: 0.05 }))).toBe('LP-FT · LP lr 0.05');
    // only values that differ: the base's own LP settings are the same
    expect(configDiffLabel(BASE, withMethod({ kind: 'lp-ft' }))).toBe('LP-FT');
    // settings of a method the run does not use are no difference
    expect(configDiffLabel(BASE, withMethod({ lpLr: 0.5, lpSteps: 3 }))).toBe('');
  });

  it('shows a setting of the same method that changed, without repeating the method', () => {
    const base = withMethod({ kind: 'lp-ft' });
    expect(configDiffLabel(base, { ...base, method: { ...base.method, lpLr: 0.05 } })).toBe('LP lr 0.05');
  });

  it('names modifiers with their strength, and Frozen-k with its k', () => {
    expect(configDiffLabel(BASE, withMethod({ spd: { enabled: true, lambda: 0.5 } }))).toBe('FT + SPD · SPD λ 0.5');
    expect(configDiffLabel(BASE, withMethod({ spd: { enabled: true, lambda: 1 } }))).toBe('FT + SPD');
    expect(configDiffLabel(BASE, withMethod({ kind: 'frozen-k', frozenBlocks: 3 }))).toBe('Frozen-3');
  });

  it('writes data, training and evaluation fields in plain words, seed last', () => {
    const other: RunConfig = {
      ...BASE, lr: 1e-4, batchSize: 32, trainSize: 2000, severity: 5, seed: 4, dataset: 'fashion-mnist',
      duration: { unit: 'epochs', value: 2 }, shifts: ['fog'], schedule: 'constant', optimizer: 'sgd',
    };
    expect(configDiffLabel(BASE, other)).toBe(
      'Fashion-MNIST clothing · 2,000 train images · shifts Fog · severity 5 · SGD · lr 1e-4 · constant schedule · batch 32 · 2 epochs · seed 4',
    );
  });

  it('ignores the optimizer field for DAFT (it always uses its own SGD)', () => {
    expect(configDiffLabel(BASE, withMethod({ kind: 'daft' }, { optimizer: 'sgd' }))).toBe('DAFT');
  });

  it('ignores the schedule field for DAFT too (its spec fixes one cosine schedule), but not for FT', () => {
    expect(configDiffLabel(BASE, withMethod({ kind: 'daft' }, { schedule: 'constant' }))).toBe('DAFT');
    expect(configDiffLabel(BASE, withMethod({}, { schedule: 'constant' }))).toBe('constant schedule');
  });

  it('names each setting of the run’s method from its spec: DAFT’s head lr, L2-SP’s α and β', () => {
    expect(configDiffLabel(BASE, withMethod({ kind: 'daft', daft: { headLrScale: 300 } }))).toBe('DAFT · head lr ×300');
    expect(configDiffLabel(BASE, withMethod({ l2sp: { enabled: true, alpha: 0.1, beta: 0.5 } }))).toBe('FT + L2-SP · L2-SP α 0.1 · L2-SP β 0.5');
  });

  it('group and run labels are never empty', () => {
    expect(groupLabel(BASE, { ...BASE, seed: 3 })).toBe('FT (current settings)');
    // read against the first compared run instead: every row names its method
    expect(groupLabel(BASE, { ...BASE, seed: 3 }, null)).toBe('FT');
    expect(groupLabel(BASE, { ...BASE, lr: 1e-4 }, null)).toBe('FT · lr 1e-4');
    expect(groupLabel(BASE, { ...BASE, method: { ...BASE.method, kind: 'lp' } }, null)).toBe('LP');
    expect(runLabel(BASE, { ...BASE, seed: 3 })).toBe('FT · seed 3');
    expect(runLabel(BASE, withMethod({ kind: 'lp' }, { lr: 1e-2, seed: 1 }))).toBe('LP · lr 0.01 · seed 1');
  });
});
