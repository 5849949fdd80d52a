import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, METHOD_LR } from '../../src/engine/config/defaults';
import { zooLookup } from '../../src/engine/config/modelLookup';
import { stepsOf, validateConfig } from '../../src/engine/config/validate';
import { combinationLabel } from '../../src/engine/methods/allowedCombinations';
import { makePlan } from './plan';
import {
  formatGridValue, gridValueOf, labelOf, METHODS, methodSkipReason, QUICK_OVERRIDES, runConfigFor, scenarioById, SCENARIOS,
} from './scenarios';

const resnet = scenarioById('mnist-resnet')!;

describe('the matrix', () => {
  it('has the methods of the issue, each with the same number of grid points, ascending', () => {
    expect(METHODS.map((m) => m.label)).toEqual(['LP', 'FT', 'LP-FT', 'L2-SP', 'DAFT', 'SPD', 'FT-LP', 'LEVI', 'DAFT+SPD', 'FT-LP+SPD']);
    for (const m of METHODS) {
      expect(m.grid).toHaveLength(3);
      expect([...m.grid].sort((a, b) => a - b)).toEqual(m.grid);
    }
    expect(new Set(METHODS.map((m) => m.label)).size).toBe(METHODS.length);
  });
  it('scenarios name shipped models and their targets', () => {
    expect(SCENARIOS.map((s) => [s.id, s.model, s.dataset])).toEqual([
      ['mnist-resnet', 'resnet-broad', 'mnist'], ['mnist-vit', 'vit-broad', 'mnist'], ['rmnist0-resnet', 'resnet-broad', 'rotated-mnist'],
    ]);
    for (const s of SCENARIOS) expect(zooLookup(s.model)).toBeDefined();
  });

  it('a scenario\'s own settings reach every run, and every run of it validates', () => {
    const rmnist = SCENARIOS.find((s) => s.id === 'rmnist0-resnet')!;
    for (const spec of METHODS.filter((m) => ['LP', 'FT', 'LP-FT'].includes(m.label))) {
      const config = runConfigFor(rmnist, spec, spec.grid[0], 1);
      expect(config).toMatchObject({ dataset: 'rotated-mnist', testDomain: 0, shifts: [], duration: { unit: 'steps', value: 300 }, seed: 1 });
      expect(validateConfig(config, zooLookup).ok, spec.label).toBe(true);
    }
  });
});

describe('run configs', () => {
  it.each(METHODS.map((m) => [m.label, m] as const))('%s: valid on resnet-broad at every grid point, label round-trips', (_, spec) => {
    for (const value of spec.grid) {
      const config = runConfigFor(resnet, spec, value, 3);
      const result = validateConfig(config, zooLookup);
      expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
      expect(gridValueOf(config, spec.param)).toBe(value);
      expect(labelOf(config.method)).toBe(spec.label);
      expect(config.seed).toBe(3);
      expect(config.model).toBe('resnet-broad');
    }
  });
  it('leaves everything else at the page defaults: same duration and data for every method', () => {
    for (const spec of METHODS) {
      const c = runConfigFor(resnet, spec, spec.grid[1], 0);
      const { lr, seed, method, ...rest } = c;
      const { lr: _lr, seed: _seed, method: _m, ...defaults } = DEFAULT_CONFIG;
      expect(rest).toEqual({ ...defaults, model: resnet.model, dataset: resnet.dataset });
      expect(stepsOf(c)).toBe(stepsOf(DEFAULT_CONFIG));
      if (spec.param !== 'lr') expect(lr).toBe(METHOD_LR[spec.kind]);
      // the method block differs from the default only in kind, the enabled modifiers and the gridded strength
      const expected = structuredClone(DEFAULT_CONFIG.method);
      expected.kind = spec.kind;
      for (const mod of spec.modifiers) expected[mod].enabled = true;
      if (spec.param !== 'lr') {
        const [, field, key] = spec.param.split('.') as [string, 'spd' | 'l2sp' | 'ftlp', string];
        (expected[field] as unknown as Record<string, number>)[key] = spec.grid[1];
      }
      expect(method).toEqual(expected);
      expect(combinationLabel(method)).toBe([spec.kind, ...['spd', 'l2sp', 'ftlp'].filter((m) => spec.modifiers.includes(m as never))].join('+'));
    }
  });
  it('the combos grid the modifier with the base method at its defaults', () => {
    const daftSpd = runConfigFor(resnet, METHODS.find((m) => m.label === 'DAFT+SPD')!, 2, 0);
    expect(daftSpd.lr).toBe(METHOD_LR.daft);
    expect(daftSpd.method.spd).toEqual({ enabled: true, lambda: 2 });
    const ftlpSpd = runConfigFor(resnet, METHODS.find((m) => m.label === 'FT-LP+SPD')!, 0.5, 0);
    expect(ftlpSpd.method.ftlp).toEqual({ ...DEFAULT_CONFIG.method.ftlp, enabled: true });
    expect(ftlpSpd.method.spd.lambda).toBe(0.5);
    expect(ftlpSpd.lr).toBe(METHOD_LR.ft);
  });
  it('--quick shrinks data and steps only', () => {
    const c = runConfigFor(resnet, METHODS[2], 1e-4, 1, true);
    expect(c.trainSize).toBe(QUICK_OVERRIDES.trainSize);
    expect(c.duration).toEqual({ unit: 'steps', value: 20 });
    expect(c.evalSize).toBe(64);
    expect(c.method.lpSteps).toBe(20);
    expect(c.method.kind).toBe('lp-ft');
    expect(c.lr).toBe(1e-4);
    expect(validateConfig(c, zooLookup).ok).toBe(true);
  });
});

describe('labelling', () => {
  it('names configs as the matrix does, and undefined outside it', () => {
    const m = structuredClone(DEFAULT_CONFIG.method);
    expect(labelOf(m)).toBe('FT');
    m.spd.enabled = true;
    expect(labelOf(m)).toBe('SPD');
    m.ftlp.enabled = true;
    expect(labelOf(m)).toBe('FT-LP+SPD');
    m.kind = 'daft';
    expect(labelOf(m)).toBeUndefined();
    m.ftlp.enabled = false;
    expect(labelOf(m)).toBe('DAFT+SPD');
    m.kind = 'frozen-k';
    expect(labelOf(m)).toBeUndefined();
  });
  it('formats grid values as written in the issue', () => {
    expect([3e-3, 1e-2, 3e-2, 3e-5, 1e-4, 5e-4, 0.5, 1, 2, 0.01, 0.1].map(formatGridValue))
      .toEqual(['3e-3', '0.01', '0.03', '3e-5', '1e-4', '5e-4', '0.5', '1', '2', '0.01', '0.1']);
  });
});

describe('compatibility', () => {
  it('skips DAFT and DAFT+SPD on the ViT (no BatchNorm), with the page’s reason', () => {
    const vit = scenarioById('mnist-vit')!;
    const plan = makePlan({ scenario: vit, methods: METHODS, seeds: 5, quick: false, lookup: zooLookup });
    expect(plan.skipped.map((s) => s.spec.label)).toEqual(['DAFT', 'DAFT+SPD']);
    expect(plan.skipped[0].reason).toContain('no BatchNorm');
    expect(plan.methods).toHaveLength(8);
    for (const spec of plan.methods) expect(validateConfig(runConfigFor(vit, spec, spec.grid[0], 0), zooLookup).ok).toBe(true);
  });
  it('runs everything on the ResNet and the MLP', () => {
    for (const model of ['resnet-broad', 'mlp-broad']) {
      for (const spec of METHODS) expect(methodSkipReason(spec, zooLookup(model)!, model)).toBeNull();
    }
  });
});

describe('the trade-off scenario of the page', () => {
  it('runs exactly the rmnist0-resnet grid points of seed 0 at the page\'s suggested learning rates', async () => {
    const { presetById, presetRunConfig } = await import('../../src/ui/presets/presets');
    const preset = presetById('lp-vs-ft-tradeoff')!;
    const scenario = scenarioById('rmnist0-resnet')!;
    preset.runs.forEach((run, i) => {
      const spec = METHODS.find((m) => m.label === run.label)!;
      const config = presetRunConfig(preset, i, 'full');
      expect(spec.grid, run.label).toContain(config.lr);
      expect(config, run.label).toEqual(runConfigFor(scenario, spec, config.lr, 0));
    });
  });
});
