/** The method specs are consistent with themselves: what the generated schema, defaults and tables rely on. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allSpecs, baseSpecs, modifierSpecs } from './specs';

describe('method specs', () => {
  it('have unique ids and config fields that no two specs share', () => {
    const ids = allSpecs().map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const fields = allSpecs().flatMap((s) => Object.keys(s.config));
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields).not.toContain('kind');
  });

  it('give defaults their own schema accepts', () => {
    for (const s of allSpecs()) expect(z.strictObject(s.config).safeParse(s.defaults).success, s.id).toBe(true);
  });

  it('keep each modifier at method.<id>, off by default', () => {
    for (const m of modifierSpecs()) {
      expect(Object.keys(m.config), m.id).toEqual([m.id]);
      expect((m.defaults as Record<string, { enabled: unknown }>)[m.id].enabled, m.id).toBe(false);
    }
  });

  it('label parameters that exist, and matrix rows that name real methods, parameters and distinct positions', () => {
    for (const s of allSpecs()) {
      for (const p of s.params) {
        const value = p.path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], s.defaults);
        expect(typeof value, `${s.id} ${p.path}`).toBe('number');
      }
    }
    const rows = allSpecs().flatMap((s) => s.matrix ?? []);
    expect(new Set(rows.map((r) => r.row)).size).toBe(rows.length);
    const params = new Set(['lr', ...allSpecs().flatMap((s) => s.params.map((p) => `method.${p.path}`))]);
    for (const r of rows) {
      expect(baseSpecs().map((s) => s.id), r.label).toContain(r.kind);
      for (const m of r.modifiers) expect(modifierSpecs().map((s) => s.id), r.label).toContain(m);
      expect(params.has(r.param), `${r.label} ${r.param}`).toBe(true);
    }
  });
});
