/** KaTeX's options for the page's formulas: the build's prerender and the page's own typesetting use the same. */
export const KATEX_OPTIONS = { throwOnError: false, displayMode: true, fleqn: true, output: 'htmlAndMathml' } as const;

/** The module id under which the build provides the registry's formulas typeset ({ [tex]: html }). */
export const PRERENDERED_TEX_MODULE = 'virtual:prerendered-tex';
