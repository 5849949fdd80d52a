import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import type { MethodConfig } from '../../engine/config/schema';
import { methodOverrides } from './methodOverrides';
import { runMethodName, runMethodParts } from './runMethodName';

const method = (over: Partial<MethodConfig>): MethodConfig => ({ ...DEFAULT_CONFIG.method, ...over });

describe('run method name', () => {
  it('names the base method, then each enabled modifier in the engine’s order', () => {
    const m = method({ kind: 'daft', ftlp: { enabled: true, lambda: 0.1 }, spd: { enabled: true, lambda: 1 } });
    expect(runMethodName(m)).toBe('DAFT + SPD + FT-LP');
    expect(runMethodParts(m).map((p) => p.reconstruction)).toEqual([false, false, true]);
  });

  it('says how many blocks Frozen-k froze, and marks LEVI as a reconstruction', () => {
    expect(runMethodName(method({ kind: 'frozen-k', frozenBlocks: 2 }))).toBe('Frozen-2');
    expect(runMethodParts(method({ kind: 'levi' }))).toEqual([{ name: 'LEVI', label: 'LEVI (layer-wise ensemble)', reconstruction: true }]);
  });
});

describe('settings a method fixes', () => {
  it('DAFT shows SGD and a cosine schedule whatever the form says; others fix nothing', () => {
    const daft = methodOverrides('daft');
    expect(daft.optimizer?.value).toBe('sgd');
    expect(daft.optimizer?.reason).toMatch(/SGD, momentum 0\.9/);
    expect(daft.schedule?.value).toBe('cosine');
    for (const kind of ['ft', 'lp', 'lp-ft', 'frozen-k', 'levi'] as const) expect(methodOverrides(kind)).toEqual({});
  });
});
