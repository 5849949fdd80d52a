import { describe, expect, it } from 'vitest';
import { METHOD_LR } from '../../engine/config/defaults';
import { zooEntry } from '../../engine/models/zoo';
import { compareChoices, compareConfigs, newRunId, withCombination } from './queue';
import { BASE } from './testRuns';

const choices = compareChoices(zooEntry('resnet-broad')!, 2);
const pick = (...keys: string[]) => keys.map((k) => choices.find((c) => c.key === k)!.method);

describe('compare mode plan', () => {
  it('offers every allowed combination (30 on the ResNet: no FT-LP beside DAFT; no DAFT on a model without BatchNorm)', () => {
    expect(choices).toHaveLength(30);
    expect(choices.map((c) => c.key)).toContain('lp-ft+spd');
    expect(compareChoices({ blockCount: 3, hasBatchNorm: false }, 2).some((c) => c.method.kind === 'daft')).toBe(false);
  });

  it('queues methods × seeds, seed-major, with the same seeds for every method', () => {
    const configs = compareConfigs(BASE, pick('ft', 'lp'), 2);
    expect(configs.map((c) => `${c.method.kind}@${c.seed}`)).toEqual(['ft@0', 'lp@0', 'ft@1', 'lp@1']);
    // everything but method, seed and (another method's) learning rate is the base's
    for (const c of configs) {
      expect({ ...c, method: BASE.method, seed: BASE.seed, lr: BASE.lr }).toEqual(BASE);
    }
  });

  it('keeps the base method settings and switches only kind and modifiers', () => {
    const base = { ...BASE, method: { ...BASE.method, lpLr: 0.05, spd: { enabled: false, lambda: 0.3 } } };
    const [lpftSpd] = pick('lp-ft+spd');
    const m = withCombination(base.method, lpftSpd);
    expect(m.kind).toBe('lp-ft');
    expect(m.lpLr).toBe(0.05);
    expect(m.spd).toEqual({ enabled: true, lambda: 0.3 });
    expect(m.l2sp.enabled).toBe(false);
  });

  it("gives other methods their suggested learning rate, or the base's to all", () => {
    const suggested = compareConfigs({ ...BASE, lr: 5e-3 }, pick('ft', 'lp-ft'), 1);
    expect(suggested.map((c) => c.lr)).toEqual([5e-3, METHOD_LR['lp-ft']]);
    const same = compareConfigs({ ...BASE, lr: 5e-3 }, pick('ft', 'lp-ft'), 1, 'same');
    expect(same.map((c) => c.lr)).toEqual([5e-3, 5e-3]);
  });

  it('clamps seeds to 1–5', () => {
    expect(compareConfigs(BASE, pick('ft'), 9)).toHaveLength(5);
    expect(compareConfigs(BASE, pick('ft'), 0)).toHaveLength(1);
  });

  it('makes unique run ids', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newRunId(1234)));
    expect(ids.size).toBe(100);
  });
});
