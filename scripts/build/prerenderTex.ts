/**
 * The page's formulas are fixed TeX strings from the method registry (src/ui/methods/methodInfo.ts),
 * so they are typeset with KaTeX here, at build time, and the page gets their HTML as the module
 * `virtual:prerendered-tex` ({ [tex]: html }, about 6 KB gzip) instead of KaTeX itself (about 70 KB
 * gzip of main-thread JavaScript). src/ui/math/tex.ts still loads KaTeX lazily for a formula that
 * is not in the map (none in the shipped registry). Used by vite.config.ts and vitest.config.ts.
 */
import katex from 'katex';
import type { Plugin } from 'vite';
import { METHOD_INFO, MODIFIER_INFO, WISE_FT_INFO } from '../../src/ui/methods/methodProse.ts';
import { KATEX_OPTIONS, PRERENDERED_TEX_MODULE } from '../../src/ui/math/texOptions.ts';

/** Every formula line of the registry: the methods, the modifiers and WiSE-FT. */
export function registryFormulas(): string[] {
  return [...new Set([...Object.values(METHOD_INFO), ...Object.values(MODIFIER_INFO), WISE_FT_INFO].flatMap((info) => [...info.formula]))];
}

export function prerenderedTex(formulas = registryFormulas()): Record<string, string> {
  return Object.fromEntries(formulas.map((tex) => [tex, katex.renderToString(tex, { ...KATEX_OPTIONS })]));
}

export function prerenderTex(): Plugin {
  const resolved = `\0${PRERENDERED_TEX_MODULE}`;
  return {
    name: 'ftp-prerender-tex',
    resolveId: (id) => (id === PRERENDERED_TEX_MODULE ? resolved : undefined),
    load: (id) => (id === resolved ? `export default ${JSON.stringify(prerenderedTex())};\n` : undefined),
  };
}
