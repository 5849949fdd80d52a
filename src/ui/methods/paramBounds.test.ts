import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { zooLookup } from '../../engine/config/modelLookup';
import { validateConfig } from '../../engine/config/validate';
import { METHOD_LIST, MODIFIER_LIST } from './methodInfo';
import { withMethodValue } from './methodPaths';
import { describeBounds, formatBound, paramBounds } from './paramBounds';

const PARAMS = [...METHOD_LIST, ...MODIFIER_LIST].flatMap((m) => m.params);

describe('method setting bounds', () => {
  it('reads the schema’s ranges', () => {
    expect(paramBounds('daft.headLrScale')).toEqual({ min: 1, max: 1e6, minExclusive: false, integer: false });
    expect(paramBounds('levi.taps')).toEqual({ min: 1, max: 8, minExclusive: false, integer: true });
    expect(paramBounds('lpLr')).toMatchObject({ min: 0, max: 10, minExclusive: true });
    expect(paramBounds('spd.lambda')).toMatchObject({ min: 0, max: 100, minExclusive: false });
  });

  it('agrees with validation at both ends of every setting', () => {
    for (const p of PARAMS) {
      const b = paramBounds(p.path);
      const check = (v: number) => validateConfig({ ...DEFAULT_CONFIG, method: withMethodValue(DEFAULT_CONFIG.method, p.path, v) }, zooLookup);
      const fieldOk = (v: number) => { const r = check(v); return r.ok || !r.errors.some((e) => e.field === `method.${p.path}`); };
      expect(fieldOk(b.max), `${p.path} = max`).toBe(true);
      expect(fieldOk(b.max + 1), `${p.path} above max`).toBe(false);
      expect(fieldOk(b.min), `${p.path} = min`).toBe(!b.minExclusive);
      expect(fieldOk(b.min - 1), `${p.path} below min`).toBe(false);
      expect(b.integer, p.path).toBe(p.integer);
    }
  });

  it('describes ranges in words people read', () => {
    expect(describeBounds(paramBounds('daft.headLrScale'))).toBe('allowed: 1 – 10⁶');
    expect(describeBounds(paramBounds('lpLr'))).toBe('allowed: > 0 and ≤ 10');
    expect(describeBounds(paramBounds('levi.width'))).toBe('allowed: whole number 8 – 256');
    expect(describeBounds(paramBounds('frozenBlocks'), 4)).toBe('allowed: whole number 0 – 4');
    expect(formatBound(100_000)).toBe('100,000');
    expect(formatBound(0.5)).toBe('0.5');
  });
});
