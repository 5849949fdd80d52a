/** The provenance the page shows agrees with the built files and the packages' own statements. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MANIFEST_PATH } from './catalog';
import { PROVENANCE } from './provenance';
import { BENCHMARK_POOL_SIZE, TARGET_IDS } from './targets';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
const fmt = (n: number) => n.toLocaleString('en');

describe('data provenance', () => {
  it('names every target, with the package version and licence the installed package.json states', () => {
    expect(Object.keys(PROVENANCE).sort()).toEqual([...TARGET_IDS].sort());
    for (const pkg of ['mnist', 'fashion-mnist']) {
      const json = require(`${pkg}/package.json`);
      const p = PROVENANCE[pkg as 'mnist'];
      expect(p.npmPackage.startsWith(`${pkg}@${json.version} `)).toBe(true);
      expect(p.packageLicence.startsWith(json.license)).toBe(true);
      expect(manifest.datasets[pkg].npmPackage).toBe(`${pkg}@${json.version}`);
    }
  });

  it('states the image counts the build produced', () => {
    const m = manifest.datasets;
    expect(PROVENANCE.mnist.images).toContain(`${fmt(m.mnist.distinctImages)} distinct`);
    expect(PROVENANCE['fashion-mnist'].images).toContain(`${fmt(m['fashion-mnist'].distinctImages)} distinct`);
    expect(PROVENANCE['fashion-mnist'].images).toContain(`${fmt(m['fashion-mnist'].packageImages)} less ${m['fashion-mnist'].packageImages - m['fashion-mnist'].distinctImages}`);
    for (const [split, count] of [['train', 2000], ['val', 1000], ['test', 3000]] as const) {
      expect(m.mnist.splits[split].count).toBe(count);
      expect(PROVENANCE.mnist.derivation).toContain(`${split} ${fmt(count)}`);
    }
    expect(PROVENANCE['rotated-mnist'].images.startsWith(`${fmt(BENCHMARK_POOL_SIZE)} digits`)).toBe(true);
  });
});
