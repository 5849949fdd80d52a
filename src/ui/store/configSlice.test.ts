/** The config slice: nested patches merge one level deep, every change is validated. */
import { describe, expect, it } from 'vitest';
import { testStore, TINY_RUN } from './testing/testStore';

describe('config slice', () => {
  it('merges a nested patch and keeps the other method settings', () => {
    const { store } = testStore();
    store.getState().setConfig({ method: { kind: 'lp-ft' }, lr: 1e-4 });
    const { config, validation } = store.getState();
    expect(config.method.kind).toBe('lp-ft');
    expect(config.method.lpSteps).toBe(TINY_RUN.method.lpSteps);
    expect(config.lr).toBe(1e-4);
    expect(validation.ok).toBe(true);
  });

  it('says which field is wrong, and a fix makes the config valid again', () => {
    const { store } = testStore();
    store.getState().setConfig({ batchSize: 0 });
    const v = store.getState().validation;
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.field)).toContain('batchSize');
    store.getState().replaceConfig(TINY_RUN);
    expect(store.getState().validation.ok).toBe(true);
  });
});
