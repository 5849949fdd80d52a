/**
 * One home per method (issue 13): a method's name turns up only in its own files — implementation,
 * spec, prose, panel, the spec list, the teaching scenarios (presets.ts and their measured data)
 * and, for a modifier another method combines with, that combination's results row. Counted as
 * `grep -rli <id> src scripts` over non-test files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const TEST_FILE = /\.(test|spec)\.tsx?$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : TEST_FILE.test(name) ? [] : [path];
  });
}

const SOURCES = ['src', 'scripts'].flatMap((d) => files(join(ROOT, d))).map((path) => ({ path, text: readFileSync(path, 'utf8').toLowerCase() }));
const mentioning = (word: string) => SOURCES.filter((f) => f.text.includes(word)).map((f) => f.path.slice(ROOT.length + 1)).sort();

describe('one home per method', () => {
  it.each(['daft', 'spd'])('%s is named in at most 8 non-test files of src and scripts', (id) => {
    const found = mentioning(id);
    expect(found.length, found.join('\n')).toBeLessThanOrEqual(8);
  });

  it('the generic kernel, diagram and bench files name no method', () => {
    const generic = ['src/engine/kernels/install.ts', 'src/engine/kernels/check.ts', 'src/engine/kernels/fused/index.ts', 'src/ui/methods/methodDiagram.ts', 'scripts/bench/suites.ts', 'scripts/bench/figures.ts', 'scripts/benchmark/plans.ts'];
    for (const path of generic) {
      const text = readFileSync(join(ROOT, path), 'utf8').toLowerCase();
      for (const id of ['daft', 'spd']) expect(text.includes(id), `${path} names ${id}`).toBe(false);
    }
  });
});
