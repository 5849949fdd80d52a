/**
 * The lab preset quotes only this project's measurements: every number in its text appears in
 * docs/double-descent.md, its sweep file ships with the page and holds the runs of its setup, and
 * its setup is a valid sweep.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSweepLines } from '../../engine/sweep/record';
import { sweepPoints } from '../../engine/sweep/spec';
import { LAB_PRESETS } from './labPresets';
import { sweepRuns } from './labStore';

const doc = readFileSync('docs/double-descent.md', 'utf8');

describe.each(LAB_PRESETS.map((p) => [p.id, p] as const))('lab preset %s', (_id, preset) => {
  it('quotes measured figures, each found in docs/double-descent.md', () => {
    expect(preset.measured.length).toBeGreaterThan(0);
    expect(preset.source).toBe('docs/double-descent.md');
    const figures = [...preset.measured, preset.conditions].join(' ').match(/\d+(\.\d+)?(?= ?%)/g) ?? [];
    expect(figures.length).toBeGreaterThan(3);
    for (const f of figures) expect(doc, `figure ${f} %`).toContain(f);
  });

  it('ships its sweep, which holds every run of its setup', () => {
    const records = parseSweepLines(readFileSync(`public/${preset.sweepFile}`, 'utf8'));
    const have = new Set(records.map((r) => `${r.point.source}|${r.point.k}|${r.point.trainSize}|${r.point.labelNoise}`));
    for (const p of sweepPoints(preset.spec)) expect(have.has(`${p.source}|${p.k}|${p.trainSize}|${p.labelNoise}`), JSON.stringify(p)).toBe(true);
    expect(sweepRuns(preset.spec).ok).toBe(true);
  });
});
