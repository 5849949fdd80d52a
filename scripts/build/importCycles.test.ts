/**
 * No import circle among the project's modules (src/, scripts/, e2e/, bench/): a circle makes one
 * module read another's exports before they are defined, depending on which is loaded first.
 * Imports are read with TypeScript's own scanner; `import type` / `export type` are erased at
 * build time, so a circle through them cannot run out of order and is not one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['src', 'scripts', 'e2e', 'bench'];
const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))]) {
    try { if (statSync(candidate).isFile()) return candidate; } catch { /* next */ }
  }
  return null;
}

/** The modules a file imports at run time (type-only imports and exports left out). */
export function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      const typeOnly = clause?.isTypeOnly || (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)
        && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push((st.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) {
      const named = st.exportClause && ts.isNamedExports(st.exportClause) ? st.exportClause.elements : null;
      if (!named || named.length === 0 || !named.every((e) => e.isTypeOnly)) out.push((st.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Every circle in the graph, each once, as a list of files. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('imports', () => {
  it('finds a circle it is shown, and leaves type-only imports out', () => {
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(runtimeImports('x.ts', "import type { A } from './a';\nimport { type B } from './b';\nimport { c } from './c';\nexport type { D } from './d';\nexport { e } from './e';"))
      .toEqual(['./c', './e']);
  });

  it('form no circle in the project', () => {
    const graph = new Map<string, string[]>();
    for (const folder of FOLDERS) {
      for (const file of sourceFiles(join(ROOT, folder))) {
        const deps = runtimeImports(file, readFileSync(file, 'utf8')).map((spec) => resolveImport(file, spec)).filter((p): p is string => p !== null);
        graph.set(file, deps);
      }
    }
    expect(graph.size).toBeGreaterThan(300);
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(ROOT, f)).join(' → '));
    expect(cycles).toEqual([]);
  });
});
