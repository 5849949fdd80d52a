/**
 * TeX → HTML with KaTeX, cached (the registry's formulas are fixed strings). Display mode,
 * left-aligned. KaTeX's stylesheet and fonts come from node_modules through Vite (Formula.tsx);
 * nothing is fetched from another host.
 */
import katex from 'katex';

const cache = new Map<string, string>();

/** HTML for one formula; a TeX error renders as the source in red instead of throwing. */
export function texToHtml(tex: string): string {
  let html = cache.get(tex);
  if (html === undefined) {
    html = katex.renderToString(tex, { throwOnError: false, displayMode: true, fleqn: true, output: 'htmlAndMathml' });
    cache.set(tex, html);
  }
  return html;
}

/** Throws KaTeX's ParseError when `tex` does not parse (tests use it to check the registry). */
export function checkTex(tex: string): void {
  katex.renderToString(tex, { throwOnError: true, displayMode: true });
}
