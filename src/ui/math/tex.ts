/**
 * TeX → HTML with KaTeX. Display mode, left-aligned. The registry's formulas are fixed strings,
 * typeset at build time (scripts/build/prerenderTex.ts): the page ships their HTML, not KaTeX. Any
 * other formula is typeset here with KaTeX, loaded on first need (its own chunk), and cached.
 * KaTeX's stylesheet and fonts come from node_modules through Vite (Formula.tsx); nothing is
 * fetched from another host.
 */
import PRERENDERED from 'virtual:prerendered-tex';
import { KATEX_OPTIONS } from './texOptions';

type Katex = typeof import('katex').default;

const cache = new Map<string, string>(Object.entries(PRERENDERED));
let katexModule: Promise<Katex> | undefined;
const loadKatex = (): Promise<Katex> => (katexModule ??= import('katex').then((m) => m.default));

/** The HTML of a formula that needs no KaTeX (typeset at build time, or earlier on this page), else undefined. */
export function typesetTex(tex: string): string | undefined {
  return cache.get(tex);
}

/** HTML for one formula; a TeX error renders as the source in red instead of throwing. */
export async function texToHtml(tex: string): Promise<string> {
  const ready = cache.get(tex);
  if (ready !== undefined) return ready;
  const html = (await loadKatex()).renderToString(tex, { ...KATEX_OPTIONS });
  cache.set(tex, html);
  return html;
}

/** Rejects with KaTeX's ParseError when `tex` does not parse (tests use it to check the registry). */
export async function checkTex(tex: string): Promise<void> {
  (await loadKatex()).renderToString(tex, { ...KATEX_OPTIONS, throwOnError: true });
}
