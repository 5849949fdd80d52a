import { describe, expect, it } from 'vitest';
import { METHOD_KINDS, MODIFIER_IDS, methodSchema } from '../../engine/config/schema';
import { DEFAULT_CONFIG, METHOD_LR } from '../../engine/config/defaults';
import { checkTex, texToHtml, typesetTex } from '../math/tex';
import { KATEX_OPTIONS } from '../math/texOptions';
import { METHOD_INFO, METHOD_LIST, MODIFIER_INFO, MODIFIER_LIST, referenceUrl, WISE_FT_INFO } from './methodInfo';
import { methodNumber } from './methodPaths';

const ALL = [...METHOD_LIST, ...MODIFIER_LIST];

/** Dotted paths of every numeric leaf of the method schema ("lpSteps", "daft.headLrScale"). */
function numericPaths(shape: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(shape).flatMap(([key, s]) => {
    const schema = s as { shape?: Record<string, unknown>; def?: { type?: string }; _zod?: { def: { type: string } } };
    if (schema.shape) return numericPaths(schema.shape, `${prefix}${key}.`);
    return schema._zod?.def.type === 'number' ? [`${prefix}${key}`] : [];
  });
}

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

  it('describes every modifier the engine knows', () => {
    for (const id of MODIFIER_IDS) expect(MODIFIER_INFO[id]?.id, id).toBe(id);
    expect(MODIFIER_LIST.map((m) => m.id).sort()).toEqual([...MODIFIER_IDS].sort());
  });

  it('has a 2–4 sentence explanation, a formula, its symbols and a dated reference', () => {
    for (const info of ALL) {
      expect(info.label.length).toBeGreaterThan(2);
      expect(info.short.length).toBeGreaterThan(1);
      expect(info.explanation.length).toBeGreaterThan(60);
      const sentences = info.explanation.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      expect(sentences, `${info.label}: ${sentences} sentences`).toBeGreaterThanOrEqual(2);
      expect(sentences, `${info.label}: ${sentences} sentences`).toBeLessThanOrEqual(5);
      expect(info.formula.length, info.label).toBeGreaterThan(0);
      expect(info.symbols.length).toBeGreaterThan(10);
      expect(info.references.length).toBeGreaterThan(0);
      for (const r of info.references) {
        expect(r.authors.length, info.label).toBeGreaterThan(2);
        expect(r.year, info.label).toBeGreaterThan(2000);
        expect(r.arxiv, `${info.label}: every paper here is on arXiv`).toMatch(/^\d{4}\.\d{5}$/);
        expect(referenceUrl(r)).toBe(`https://arxiv.org/abs/${r.arxiv}`);
      }
      // honest texts: no measured numbers claimed
      expect(info.explanation, info.label).not.toMatch(/\d+(\.\d+)?\s*%/);
    }
  });

  it('every formula (and WiSE-FT’s) is TeX that KaTeX renders without error', async () => {
    for (const info of [...ALL, WISE_FT_INFO]) {
      for (const tex of info.formula) {
        await expect(checkTex(tex), `${info.label}: ${tex}`).resolves.toBeUndefined();
        const html = await texToHtml(tex);
        expect(html, tex).toContain('class="katex');
        expect(html, tex).not.toContain('katex-error');
        // MathML for screen readers alongside the drawn HTML
        expect(html, tex).toContain('<math');
      }
    }
  });

  it('every formula is typeset at build time, as KaTeX typesets it on the page (no KaTeX in the page’s JavaScript)', async () => {
    const katex = (await import('katex')).default;
    for (const info of [...ALL, WISE_FT_INFO]) {
      for (const tex of info.formula) {
        expect(typesetTex(tex), `${info.label}: ${tex}`).toBe(katex.renderToString(tex, { ...KATEX_OPTIONS }));
      }
    }
  });

  it('shows an unparsable formula as text instead of throwing', async () => {
    expect(typesetTex('\\frac{')).toBeUndefined();
    expect(await texToHtml('\\frac{')).toContain('katex-error');
  });

  it('marks exactly the methods METHODS.md calls reconstructions', () => {
    const rebuilt = ALL.filter((m) => m.reconstruction).map((m) => m.short).sort();
    expect(rebuilt).toEqual(['FT-LP', 'LEVI']);
  });

  it('uses METHODS.md’s formulas for the paper methods', () => {
    const tex = (info: { formula: readonly string[] }) => info.formula.join(' ');
    expect(tex(MODIFIER_INFO.spd)).toContain('c = -');
    expect(tex(MODIFIER_INFO.spd)).toContain('\\lambda\\, r\\, (\\tilde\\theta - \\theta_0)');
    expect(tex(MODIFIER_INFO.ftlp)).toContain('\\operatorname{softplus}(b_l) + 10^{-5}');
    expect(tex(MODIFIER_INFO.ftlp)).toContain('\\lambda\\, R');
    expect(tex(METHOD_INFO.daft)).toContain('(\\mu_T - \\mu_S)');
    expect(tex(METHOD_INFO.levi)).toContain('\\operatorname{concat}(h_k,\\, g)');
    expect(tex(WISE_FT_INFO)).toContain('(1 - \\alpha)\\,\\theta_0 + \\alpha\\,\\theta_{\\text{ft}}');
  });

  it('only edits numeric settings that exist in the method config', () => {
    for (const info of ALL) {
      for (const p of info.params) expect(Number.isFinite(methodNumber(DEFAULT_CONFIG.method, p.path)), `${info.label}: ${p.path}`).toBe(true);
    }
  });

  it('has a labelled control for every numeric method setting of the schema', () => {
    const controlled = ALL.flatMap((m) => m.params.map((p) => p.path)).sort();
    expect(controlled).toEqual(numericPaths(methodSchema.shape as unknown as Record<string, unknown>).sort());
  });
});
