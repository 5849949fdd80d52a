/** The registry's formulas typeset with KaTeX at build time (scripts/build/prerenderTex.ts). */
declare module 'virtual:prerendered-tex' {
  const html: Readonly<Record<string, string>>;
  export default html;
}
