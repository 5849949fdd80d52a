import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { zooLookup } from '../../engine/config/modelLookup';
import { validateConfig } from '../../engine/config/validate';
import { errorFor, explainErrors, fieldLabel, humanizeMessage } from './fieldMessages';

const validate = (patch: Record<string, unknown>) => validateConfig({ ...DEFAULT_CONFIG, ...patch }, zooLookup);

describe('field messages', () => {
  it('names the learning rate field when it is not a number', () => {
    const v = validate({ lr: Number.NaN });
    expect(errorFor(v, 'lr')).toBe('not a number');
    expect(explainErrors(v)).toEqual(['Learning rate: not a number']);
  });

  it('rewrites range messages in plain words and keeps the value', () => {
    expect(errorFor(validate({ trainSize: 10 }), 'trainSize')).toBe('must be ≥ 64 (got 10)');
    expect(errorFor(validate({ batchSize: 5000 }), 'batchSize')).toBe('must be ≤ 512 (got 5000)');
    expect(errorFor(validate({ trainSize: 2.5 }), 'trainSize')).toBe('must be a whole number (got 2.5)');
    expect(errorFor(validate({ lr: -1 }), 'lr')).toBe('must be > 0 (got -1)');
    expect(errorFor(validate({ shifts: [] }), 'shifts')).toBe('pick at least one shift');
  });

  it('finds nested fields and cross-field errors', () => {
    const v = validate({ method: { ...DEFAULT_CONFIG.method, kind: 'frozen-k', frozenBlocks: 7 } });
    expect(errorFor(v, 'method.frozenBlocks')).toMatch(/cannot freeze 7/);
    expect(explainErrors(v)[0]).toMatch(/^Frozen blocks \(k\): /);
    expect(errorFor(validate({ duration: { unit: 'steps', value: Number.NaN } }), 'duration.value')).toBe('not a number');
  });

  it('has nothing to say about a valid config', () => {
    const v = validate({});
    expect(v.ok).toBe(true);
    expect(errorFor(v, 'lr')).toBeUndefined();
    expect(explainErrors(v)).toEqual([]);
  });

  it('falls back to the path for unknown fields and leaves unknown wording alone', () => {
    expect(fieldLabel('foo.bar')).toBe('foo.bar');
    expect(humanizeMessage('x', 'x: something else')).toBe('something else');
  });
});
