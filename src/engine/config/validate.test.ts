import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults';
import { zooLookup } from './modelLookup';
import { stepsOf, validateConfig, withDefaults } from './validate';

const check = (patch: object) => validateConfig(withDefaults(patch), zooLookup);
const messages = (patch: object) => {
  const r = check(patch);
  return r.ok ? [] : r.errors.map((e) => e.message);
};

describe('config validation', () => {
  it('accepts the defaults', () => {
    expect(check({}).ok).toBe(true);
  });

  it.each([
    ['NaN learning rate', { lr: Number.NaN }, /^lr: .*NaN/],
    ['negative learning rate', { lr: -0.1 }, /^lr: must be > 0/],
    ['infinite learning rate', { lr: Number.POSITIVE_INFINITY }, /^lr: /],
    ['zero batch', { batchSize: 0 }, /^batchSize: /],
    ['fractional batch', { batchSize: 2.5 }, /^batchSize: .*int/],
    ['text in a number field', { seed: 'abc' }, /^seed: /],
    ['unknown model', { model: 'vgg-imagenet' }, /^model: unknown model "vgg-imagenet"/],
    ['no shift', { shifts: [] }, /^shifts: pick at least one shift/],
    ['unknown shift', { shifts: ['rotation', 'sepia'] }, /^shifts\.1: /],
    ['severity 6', { severity: 6 }, /^severity: /],
    ['huge duration', { duration: { value: 1e12 } }, /^duration\.value: /],
    ['unknown key', { learningRate: 0.1 }, /Unrecognized key/],
    ['k beyond the model', { method: { kind: 'frozen-k', frozenBlocks: 9 } }, /^method\.frozenBlocks: resnet-broad has 4 blocks/],
    ['batch above the training set', { trainSize: 64, batchSize: 128 }, /^batchSize: larger than the training set/],
    ['label noise above 40 %', { labelNoise: 0.5 }, /^labelNoise: must be ≤ 0.4 \(40 %\)/],
    ['negative label noise', { labelNoise: -0.1 }, /^labelNoise: must be ≥ 0/],
    ['label noise as text', { labelNoise: '20%' }, /^labelNoise: /],
    ['unknown class set', { targetClasses: '3-7' }, /^targetClasses: /],
    ['more images than the class set has', { targetClasses: '5-9', trainSize: 1000 }, /^trainSize: mnist classes 5-9 has 990 training images/],
    ['a test domain the benchmark lacks', { dataset: 'colored-mnist', testDomain: 3 }, /^testDomain: Colored MNIST \(DomainBed\) has 3 domains \(0–2\)/],
    ['a test domain beyond any benchmark', { dataset: 'rotated-mnist', testDomain: 6 }, /^testDomain: /],
    ['more images than the training domains hold', { dataset: 'colored-mnist', trainSize: 4000 }, /^trainSize: colored-mnist has 3200 training images with domain 0 held out/],
    ['a class subset of a benchmark', { dataset: 'rotated-mnist', targetClasses: '0-4' }, /^targetClasses: Rotated MNIST \(DomainBed\) uses all its classes/],
    ['an unknown target', { dataset: 'PACS' }, /^dataset: /],
  ])('refuses %s, naming the field', (_name, patch, pattern) => {
    const m = messages(patch);
    expect(m.length).toBeGreaterThan(0);
    expect(m.some((x) => pattern.test(x)), m.join(' | ')).toBe(true);
  });

  it('reads a config saved before label noise, class sets and train evaluation with their defaults', () => {
    const { targetClasses: _t, labelNoise: _l, evalTrain: _e, ...older } = DEFAULT_CONFIG;
    const r = validateConfig(older, zooLookup);
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.config.targetClasses, r.config.labelNoise, r.config.evalTrain]).toEqual(['all', 0, false]);
  });

  it('reads a config saved before the benchmark targets as it meant: testDomain 0, unused by its dataset', () => {
    const { testDomain: _d, ...older } = DEFAULT_CONFIG;
    const r = validateConfig(older, zooLookup);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config).toEqual(DEFAULT_CONFIG);
  });

  it('lets a benchmark run have no synthetic shift (its held-out domain is the OOD set), and no other target', () => {
    expect(check({ dataset: 'rotated-mnist', testDomain: 5, shifts: [], trainSize: 4000 }).ok).toBe(true);
    expect(messages({ dataset: 'fashion-mnist', shifts: [] })).toEqual([expect.stringMatching(/^shifts: pick at least one shift/)]);
  });

  it('completes a partial config with the defaults, deeply', () => {
    const r = check({ method: { kind: 'lp-ft' } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.method.lpSteps).toBe(DEFAULT_CONFIG.method.lpSteps);
  });

  it('counts steps from epochs with the last partial batch dropped', () => {
    expect(stepsOf({ ...DEFAULT_CONFIG, trainSize: 1000, batchSize: 32, duration: { unit: 'epochs', value: 2 } })).toBe(62);
    expect(stepsOf({ ...DEFAULT_CONFIG, duration: { unit: 'steps', value: 17 } })).toBe(17);
  });
});
