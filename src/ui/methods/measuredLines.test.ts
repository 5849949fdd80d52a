/** Every figure a method text quotes is in docs/results.md (the project's own measurements). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_INFO, MODIFIER_INFO } from './methodInfo';

const results = readFileSync(resolve(__dirname, '../../../docs/results.md'), 'utf8');
const infos = [...Object.values(METHOD_INFO), ...Object.values(MODIFIER_INFO)];

describe('measured lines of the method texts', () => {
  it('every method of the results matrix has one', () => {
    for (const short of ['FT', 'LP', 'LP-FT', 'DAFT', 'LEVI', 'SPD', 'L2-SP', 'FT-LP']) {
      expect(infos.find((i) => i.short === short)?.measured, short).toBeTruthy();
    }
  });

  it('quote only mean ± std figures that docs/results.md holds', () => {
    for (const info of infos.filter((i) => i.measured)) {
      const figures = info.measured!.match(/\d+\.\d+ ± \d+\.\d+/g) ?? [];
      expect(figures.length, info.short).toBeGreaterThan(0);
      for (const f of figures) expect(results, `${info.short}: ${f}`).toContain(f);
    }
  });
});
