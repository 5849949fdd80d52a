/** The one config-path helper: reads follow own properties only; writes copy along the path and keep siblings. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults';
import { leafPaths, mergeOneLevel, readPath, withoutPath, withPath } from './paths';

describe('config paths', () => {
  it('reads a nested field, and nothing through an inherited or missing key', () => {
    expect(readPath(DEFAULT_CONFIG, 'method.spd.lambda')).toBe(DEFAULT_CONFIG.method.spd.lambda);
    expect(readPath(DEFAULT_CONFIG, ['method', 'kind'])).toBe('ft');
    expect(readPath(DEFAULT_CONFIG, '__proto__.toString')).toBeUndefined();
    expect(readPath(DEFAULT_CONFIG, 'method.nope.x')).toBeUndefined();
  });

  it('writes a copy that keeps the siblings and leaves the original alone, and removes a field', () => {
    const next = withPath(DEFAULT_CONFIG, 'method.spd.lambda', 2);
    expect(next.method.spd).toEqual({ ...DEFAULT_CONFIG.method.spd, lambda: 2 });
    expect(next.method.l2sp).toBe(DEFAULT_CONFIG.method.l2sp);
    expect(DEFAULT_CONFIG.method.spd.lambda).not.toBe(2);
    expect(withPath({}, 'a.b', 1)).toEqual({ a: { b: 1 } });
    expect(withoutPath({ a: { b: 1, c: 2 } }, 'a.b')).toEqual({ a: { c: 2 } });
    expect(withoutPath({ a: 1 }, 'x.y')).toEqual({ a: 1 });
  });

  it('lists every leaf with its path, and merges a patch one level deep', () => {
    const leaves = leafPaths(DEFAULT_CONFIG).map((l) => l.path.join('.'));
    expect(leaves).toContain('method.ftlp.lambda');
    expect(leaves).toContain('shifts');
    expect(mergeOneLevel(DEFAULT_CONFIG, { method: { kind: 'lp' }, lr: 1 }).method.lpSteps).toBe(DEFAULT_CONFIG.method.lpSteps);
  });
});
