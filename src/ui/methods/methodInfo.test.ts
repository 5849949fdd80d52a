import { describe, expect, it } from 'vitest';
import { METHOD_KINDS, MODIFIER_IDS } from '../../engine/config/schema';
import { DEFAULT_CONFIG, METHOD_LR } from '../../engine/config/defaults';
import { METHOD_INFO, METHOD_LIST, MODIFIER_INFO, MODIFIER_LIST } from './methodInfo';
import { methodNumber } from './methodPaths';

describe('method registry', () => {
  it('describes every method the engine knows, under its own kind', () => {
    for (const kind of METHOD_KINDS) {
      const info = METHOD_INFO[kind];
      expect(info, kind).toBeDefined();
      expect(info.kind).toBe(kind);
      expect(METHOD_LR[kind]).toBeGreaterThan(0);
    }
    expect(METHOD_LIST.map((m) => m.kind).sort()).toEqual([...METHOD_KINDS].sort());
  });

  it('describes every regulariser the engine knows', () => {
    for (const id of MODIFIER_IDS) expect(MODIFIER_INFO[id]?.id, id).toBe(id);
    expect(MODIFIER_LIST.map((m) => m.id).sort()).toEqual([...MODIFIER_IDS].sort());
  });

  it('has text for the explanation, the formula and at least one reference', () => {
    for (const info of [...METHOD_LIST, ...MODIFIER_LIST]) {
      expect(info.label.length).toBeGreaterThan(2);
      expect(info.explanation.length).toBeGreaterThan(60);
      expect(info.formula.length).toBeGreaterThan(5);
      expect(info.references.length).toBeGreaterThan(0);
      // honest texts: no measured numbers claimed
      expect(info.explanation, info.label).not.toMatch(/\d+(\.\d+)?\s*%/);
    }
  });

  it('only edits numeric settings that exist in the method config', () => {
    for (const info of [...METHOD_LIST, ...MODIFIER_LIST]) {
      for (const p of info.params) expect(Number.isFinite(methodNumber(DEFAULT_CONFIG.method, p.path)), `${info.label}: ${p.path}`).toBe(true);
    }
  });
});
