/** Every figure a method text quotes is in docs/results.md (the project's own measurements). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASURED_HERE } from './measuredHere';
import { METHOD_INFO, MODIFIER_INFO } from './methodInfo';

const results = readFileSync(resolve(__dirname, '../../../docs/results.md'), 'utf8');

describe('measured-here lines of the method texts', () => {
  it('name only techniques the page shows', () => {
    const shorts = [...Object.values(METHOD_INFO), ...Object.values(MODIFIER_INFO)].map((i) => i.short);
    for (const key of Object.keys(MEASURED_HERE)) expect(shorts).toContain(key);
  });

  it('quote only mean ± std figures that docs/results.md holds', () => {
    for (const [key, text] of Object.entries(MEASURED_HERE)) {
      const figures = text.match(/\d+\.\d+ ± \d+\.\d+/g) ?? [];
      expect(figures.length, key).toBeGreaterThan(0);
      for (const f of figures) expect(results, `${key}: ${f}`).toContain(f);
    }
  });
});
