import { describe, expect, it } from 'vitest';
import { backendFromUrl } from './urlOptions';

describe('backendFromUrl', () => {
  it('reads a known backend and ignores anything else', () => {
    expect(backendFromUrl('?backend=webgl')).toBe('webgl');
    expect(backendFromUrl('?x=1&backend=cpu')).toBe('cpu');
    expect(backendFromUrl('?backend=wasm')).toBeUndefined();
    expect(backendFromUrl('')).toBeUndefined();
  });
});
