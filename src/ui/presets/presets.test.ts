/** Presets: every run is a valid config, every link restores it, and every figure is one this project measured. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zooLookup } from '../../engine/config/modelLookup';
import { validateConfig } from '../../engine/config/validate';
import { compareConfigs } from '../runs/queue';
import { parseUrlState } from '../url/urlState';
import { matchingRun, presetSearch } from './presetLink';
import { presetConfig, presetRunConfig, PRESETS } from './presets';

const results = readFileSync(resolve(__dirname, '../../../docs/results.md'), 'utf8');

describe('presets', () => {
  it('has the six teaching scenarios with unique ids', () => {
    expect(PRESETS.map((p) => p.title)).toEqual([
      'Why fine-tuning hurts OOD (LP vs FT vs LP-FT)',
      'DAFT fixes BatchNorm',
      'SPD: decay only what disagrees',
      'LEVI: two views',
      'FT-LP: the prior at every step',
      'ColoredMNIST: fine-tuning takes the colour shortcut',
    ]);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  it('every run of every preset is a config the page can train', () => {
    for (const p of PRESETS) {
      expect(p.runs.length).toBeGreaterThan(0);
      p.runs.forEach((_, i) => {
        const v = validateConfig(presetRunConfig(p, i), zooLookup);
        expect(v.ok, `${p.id} run ${i}: ${v.ok ? '' : v.errors.map((e) => e.message).join('; ')}`).toBe(true);
      });
      // the runs of a preset differ from each other
      expect(new Set(p.runs.map((_, i) => JSON.stringify(presetRunConfig(p, i)))).size).toBe(p.runs.length);
    }
  });

  it('a preset link restores the run and names the preset, without any message', () => {
    for (const p of PRESETS) {
      p.runs.forEach((_, i) => {
        const search = presetSearch(p, i);
        expect(search).toMatch(new RegExp(`&preset=${p.id}$`));
        const back = parseUrlState(search, { presetConfig, knownModel: (id) => !!zooLookup(id) });
        expect(back.messages).toEqual([]);
        expect(back.config).toEqual(presetRunConfig(p, i));
        expect(back.view.preset).toBe(p.id);
        expect(matchingRun(p, back.config)).toBe(i);
      });
    }
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
    expect(story).toEqual([['97.2 ± 0.2 %', '89.1 ± 0.5 %', '0'], ['97.2 ± 0.5 %', '59.1 ± 10.9 %', '10.32 ± 0.29'], ['97.2 ± 0.1 %', '89.0 ± 0.4 %', '1.55 ± 0.11']]);
  });

  it('queueing all runs through compare mode reproduces every run exactly', () => {
    for (const p of PRESETS) {
      const methods = p.runs.map((_, i) => presetRunConfig(p, i).method);
      const queued = compareConfigs(presetRunConfig(p, 0), methods, 1, p.compareLr);
      expect(queued, p.id).toEqual(p.runs.map((_, i) => presetRunConfig(p, i)));
    }
  });

  it('a changed setting matches none of the runs', () => {
    const p = PRESETS[0];
    expect(matchingRun(p, { ...presetRunConfig(p, 0), seed: 5 })).toBe(-1);
  });
});
