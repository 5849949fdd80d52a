/** Presets: every run is a valid config, every link restores it, and every figure is one this project measured. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zooLookup } from '../../engine/config/modelLookup';
import { validateConfig } from '../../engine/config/validate';
import { compareConfigs } from '../runs/queue';
import { parseUrlState } from '../url/urlState';
import { linkSize, matchingRun, presetSearch } from './presetLink';
import { presetConfig, presetRunConfig, PRESET_SIZES, PRESETS } from './presets';
import { effectHolds, effectText, meanStd, quickSentence } from './quickText';
import { SCENARIO_DATA } from './scenarioData';

const results = readFileSync(resolve(__dirname, '../../../docs/results.md'), 'utf8');

describe('presets', () => {
  it('has the seven teaching scenarios with unique ids', () => {
    expect(PRESETS.map((p) => p.title)).toEqual([
      'Why fine-tuning hurts OOD (LP vs FT vs LP-FT)',
      'LP vs FT: the whole trade-off (rotated digits)',
      'DAFT fixes BatchNorm',
      'SPD: decay only what disagrees',
      'LEVI: two views',
      'FT-LP: the prior at every step',
      'ColoredMNIST: fine-tuning takes the colour shortcut',
    ]);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  it('every run of every preset is a config the page can train, at both sizes', () => {
    for (const p of PRESETS) {
      expect(p.runs.length).toBeGreaterThan(0);
      for (const size of PRESET_SIZES) {
        p.runs.forEach((_, i) => {
          const v = validateConfig(presetRunConfig(p, i, size), zooLookup);
          expect(v.ok, `${p.id} run ${i} ${size}: ${v.ok ? '' : v.errors.map((e) => e.message).join('; ')}`).toBe(true);
        });
        // the runs of a preset differ from each other
        expect(new Set(p.runs.map((_, i) => JSON.stringify(presetRunConfig(p, i, size)))).size).toBe(p.runs.length);
      }
    }
  });

  it('Quick is the same runs, shorter: fewer steps and no more test images, the method and its learning rate kept', () => {
    for (const p of PRESETS) {
      p.runs.forEach((_, i) => {
        const quick = presetRunConfig(p, i, 'quick');
        const full = presetRunConfig(p, i, 'full');
        expect(quick.duration.unit, p.id).toBe('steps');
        const fullSteps = full.duration.unit === 'steps' ? full.duration.value : Math.ceil((full.trainSize / full.batchSize) * full.duration.value);
        expect(quick.duration.value, p.id).toBeLessThan(fullSteps);
        expect(quick.evalSize, p.id).toBeLessThanOrEqual(full.evalSize);
        expect(quick.method.kind).toBe(full.method.kind);
        expect(quick.lr).toBe(full.lr);
      });
    }
  });

  it('a preset link restores the run, its size and names the preset, without any message', () => {
    for (const p of PRESETS) {
      for (const size of PRESET_SIZES) {
        p.runs.forEach((_, i) => {
          const search = presetSearch(p, i, size);
          expect(search).toMatch(new RegExp(`&preset=${p.id}&size=${size}$`));
          const back = parseUrlState(search, { presetConfig, knownModel: (id) => !!zooLookup(id) });
          expect(back.messages).toEqual([]);
          expect(back.config).toEqual(presetRunConfig(p, i, size));
          expect(back.view.preset).toBe(p.id);
          expect(back.view.size).toBe(size);
          expect(linkSize(p, back.config, back.view.size)).toBe(size);
          expect(matchingRun(p, back.config, size)).toBe(i);
        });
      }
    }
  });

  it('a link without size opens the scenario\'s default size; an old link with the full settings stays Full', () => {
    const opts = { presetConfig, knownModel: (id: string) => !!zooLookup(id) };
    for (const p of PRESETS) {
      const shortcut = parseUrlState(`?preset=${p.id}`, opts);
      expect(shortcut.config).toEqual(presetRunConfig(p, 0, p.defaultSize));
      expect(linkSize(p, shortcut.config, shortcut.view.size)).toBe(p.defaultSize);
      const full = parseUrlState(`?preset=${p.id}&size=full`, opts);
      expect(full.config).toEqual(presetRunConfig(p, 0, 'full'));
      // a link the page wrote before sizes: every setting of the Full run, no size
      const old = parseUrlState(presetSearch(p, 0, 'full').replace(/&size=full$/, ''), opts);
      expect(old.view.size).toBeUndefined();
      expect(old.config).toEqual(presetRunConfig(p, 0, 'full'));
      expect(linkSize(p, old.config, old.view.size)).toBe('full');
    }
    expect(PRESETS.filter((p) => p.defaultSize === 'quick').length).toBeGreaterThan(0);
    const bad = parseUrlState(`?preset=${PRESETS[0].id}&size=huge`, opts);
    expect(bad.messages.map((m) => m.text).join(' ')).toMatch(/size="huge" is not quick or full/);
  });

  it('quotes only figures measured by this project (docs/results.md), with their conditions and source', () => {
    for (const p of PRESETS) {
      if (!p.measured) {
        expect(p.notMeasured, `${p.id} says it has no figures yet`).toMatch(/not measured/);
        continue;
      }
      expect(p.measured.source).toMatch(/^docs\/results\.md/);
      expect(p.measured.conditions.length).toBeGreaterThan(40);
      for (const row of p.measured.rows) {
        for (const figure of [row.id, row.oodMean, row.oodWorst, row.distortion]) {
          if (figure === undefined || figure === '0') continue;
          expect(results, `${p.id}: ${row.run} ${figure}`).toContain(figure.replace(/ %$/, ''));
        }
      }
    }
    // the headline numbers of the LP/FT/LP-FT story
    const story = PRESETS[0].measured!.rows.map((r) => [r.id, r.oodMean, r.distortion]);
    expect(story).toEqual([['97.2 ± 0.2 %', '89.1 ± 0.5 %', '0'], ['97.5 ± 0.2 %', '60.1 ± 10.4 %', '10.34 ± 0.29'], ['97.2 ± 0.1 %', '89.0 ± 0.4 %', '1.55 ± 0.11']]);
  });

  it('queueing all runs through compare mode reproduces every run exactly, at both sizes', () => {
    for (const p of PRESETS) {
      for (const size of PRESET_SIZES) {
        const methods = p.runs.map((_, i) => presetRunConfig(p, i, size).method);
        const queued = compareConfigs(presetRunConfig(p, 0, size), methods, 1, p.compareLr);
        expect(queued, `${p.id} ${size}`).toEqual(p.runs.map((_, i) => presetRunConfig(p, i, size)));
      }
    }
  });

  it('a changed setting matches none of the runs; a run of the other size is not a match', () => {
    const p = PRESETS[0];
    expect(matchingRun(p, { ...presetRunConfig(p, 0, 'quick'), seed: 5 }, 'quick')).toBe(-1);
    expect(matchingRun(p, presetRunConfig(p, 0, 'full'), 'quick')).toBe(-1);
  });

  it('Quick is measured for every scenario (≥ 3 seeds, every run), and opens by default only where every effect held on every seed', () => {
    for (const p of PRESETS) {
      const m = SCENARIO_DATA.quick[p.id];
      expect(m, `${p.id}: run npx tsx scripts/measure/quickSizes.ts --preset ${p.id}`).toBeDefined();
      // every run the effects name, in the scenario's order (a measurement may leave out the others)
      const labels = m.runs.map((r) => r.label);
      expect(labels).toEqual(p.runs.map((r) => r.label).filter((l) => labels.includes(l)));
      for (const e of p.quick.effects) expect(labels, p.id).toEqual(expect.arrayContaining([e.higher, e.lower]));
      for (const r of m.runs) expect(r.outcomes.map((o) => o.seed), `${p.id} ${r.label}`).toEqual([0, 1, 2].concat(r.outcomes.slice(3).map((o) => o.seed)));
      expect(m.settings).toBe(p.quick.what);
      const held = p.quick.effects.every((e) => effectHolds(m, e).everySeed);
      expect(p.defaultSize, `${p.id}: default size must be quick exactly when Quick showed every effect on every seed`).toBe(held ? 'quick' : 'full');
    }
  });

  it('the Quick sentence quotes the data file: each effect\'s mean ± std, beyond the seed spread where it opens Quick', () => {
    for (const p of PRESETS) {
      const m = SCENARIO_DATA.quick[p.id];
      const text = quickSentence(p);
      expect(text).toContain(p.quick.what);
      for (const e of p.quick.effects) {
        const hi = m.runs.find((r) => r.label === e.higher)!.outcomes.map((o) => o[e.metric] * 100);
        const lo = m.runs.find((r) => r.label === e.lower)!.outcomes.map((o) => o[e.metric] * 100);
        const [a, b] = [meanStd(hi), meanStd(lo)];
        const quoted = `${a.mean.toFixed(1)} ± ${a.std.toFixed(1)} %`;
        if (effectHolds(m, e).everySeed) {
          expect(text).toContain(effectText(m, e));
          expect(text).toContain(quoted);
          // the gap is larger than the seed spread of either run
          expect(a.mean - b.mean, `${p.id}: ${e.higher} vs ${e.lower}`).toBeGreaterThan(Math.max(a.std, b.std));
        } else {
          expect(text).toContain(`Not on every seed`);
        }
      }
      if (m.page) expect(text).toContain(`took ${Math.round(m.page.seconds)} s from pressing Train`);
    }
  });
});
