/**
 * The benchmark section of docs/results.md lives between two markers, so the results matrix
 * (scripts/results/report.ts, which rewrites the whole file) keeps it, and the benchmark report
 * replaces only it.
 */
export const BLOCK_BEGIN = '<!-- benchmark-section: begin (written by `npm run benchmark -- --write-docs`; edit scripts/benchmark/section.ts, not here) -->';
export const BLOCK_END = '<!-- benchmark-section: end -->';

/** The marked block of a document, markers included, or undefined. */
export function markedBlock(md: string): string | undefined {
  const start = md.indexOf(BLOCK_BEGIN);
  const end = md.indexOf(BLOCK_END, start);
  return start >= 0 && end > start ? md.slice(start, end + BLOCK_END.length) : undefined;
}

/** `md` with its marked block replaced by `block` (markers included), or `block` appended. */
export function withMarkedBlock(md: string, block: string): string {
  const old = markedBlock(md);
  if (old !== undefined) return md.replace(old, () => block);
  return `${md.trimEnd()}\n\n${block}\n`;
}
