import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { methodNumber, methodToggle, withMethodValue } from './methodPaths';

const method = DEFAULT_CONFIG.method;

describe('method paths', () => {
  it('reads top-level and nested values', () => {
    expect(methodNumber(method, 'lpSteps')).toBe(method.lpSteps);
    expect(methodNumber(method, 'levi.width')).toBe(method.levi.width);
    expect(methodToggle(method, 'spd.enabled')).toBe(method.spd.enabled);
  });

  it('writes a nested value and keeps its siblings and the original', () => {
    const next = withMethodValue(method, 'levi.taps', 3);
    expect(next.levi).toEqual({ ...method.levi, taps: 3 });
    expect(next.daft).toBe(method.daft);
    expect(method.levi.taps).not.toBe(3);
    expect(withMethodValue(method, 'l2sp.enabled', true).l2sp).toEqual({ ...method.l2sp, enabled: true });
    expect(withMethodValue(method, 'frozenBlocks', Number.NaN).frozenBlocks).toBeNaN();
  });
});
