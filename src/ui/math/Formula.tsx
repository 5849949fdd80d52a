/** Formulas typeset with KaTeX: one display line per TeX string, left-aligned, scrolling sideways when too wide. */
import 'katex/dist/katex.min.css';
import { texToHtml } from './tex';

export function Formula({ lines, label, testId }: { lines: readonly string[]; label?: string; testId?: string }) {
  return (
    <div className="formula" role="group" aria-label={label ?? 'formula'} data-testid={testId}>
      {lines.map((tex) => (
        // KaTeX's output is generated from the registry's fixed strings, never from user input
        <span key={tex} className="formula__line" dangerouslySetInnerHTML={{ __html: texToHtml(tex) }} />
      ))}
    </div>
  );
}
