/** Formulas typeset with KaTeX: one display line per TeX string, left-aligned, scrolling sideways when too wide. */
import 'katex/dist/katex.min.css';
import { useEffect, useState } from 'react';
import { texToHtml, typesetTex } from './tex';

/** One line: the build's typeset HTML at once; a formula the build did not typeset shows as TeX until KaTeX has loaded. */
function FormulaLine({ tex }: { tex: string }) {
  const [html, setHtml] = useState(() => typesetTex(tex));
  useEffect(() => {
    if (html !== undefined) return;
    let live = true;
    void texToHtml(tex).then((h) => { if (live) setHtml(h); });
    return () => { live = false; };
  }, [tex, html]);
  return html === undefined
    ? <span className="formula__line"><code>{tex}</code></span>
    // KaTeX's output is generated from the registry's fixed strings, never from user input
    : <span className="formula__line" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function Formula({ lines, label, testId }: { lines: readonly string[]; label?: string; testId?: string }) {
  return (
    <div className="formula" role="group" aria-label={label ?? 'formula'} data-testid={testId}>
      {lines.map((tex) => <FormulaLine key={tex} tex={tex} />)}
    </div>
  );
}
