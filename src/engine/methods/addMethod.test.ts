/**
 * Adding a method is its implementation and its spec, nothing else: a test-only base method (Toy)
 * and modifier (Nudge) added to the spec lists alone reach validation, the link, the config diff,
 * the compatibility rules and the results plan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTestMethods } from './testing/testMethod';

registerTestMethods();
// imported after the registration: they build their schema, defaults and tables when loaded
const { DEFAULT_CONFIG, METHOD_LR } = await import('../config/defaults');
const { validateConfig, withDefaults } = await import('../config/validate');
const { zooLookup } = await import('../config/modelLookup');
const { buildSearch, parseUrlState } = await import('../../ui/url/urlState');
const { configDiffLabel } = await import('../../ui/runs/configDiff');
const { allowedCombinations, combinationLabel } = await import('./allowedCombinations');
const { METHODS, SCENARIOS, runConfigFor, GRID_PARAM_LABEL } = await import('../../../scripts/results/scenarios');
const { makePlan } = await import('../../../scripts/results/plan');
const { createMethod } = await import('./registry');
const { METHOD_LIST, MODIFIER_LIST } = await import('../../ui/methods/methodInfo');

type Config = typeof DEFAULT_CONFIG;
const toyConfig = (width: number, extra: Record<string, unknown> = {}) =>
  withDefaults({ lr: 5e-3, method: { kind: 'toy', toy: { width }, ...extra } }) as Config;
const resnet = SCENARIOS.find((s) => s.model === 'resnet-broad')!;
const vit = SCENARIOS.find((s) => s.model === 'vit-broad')!;

describe('a method added by its spec alone', () => {
  beforeAll(() => expect(zooLookup('resnet-broad')?.hasBatchNorm).toBe(true));

  it('has its defaults and its learning rate', () => {
    expect((DEFAULT_CONFIG.method as Record<string, unknown>).toy).toEqual({ width: 4 });
    expect((DEFAULT_CONFIG.method as Record<string, unknown>).nudge).toEqual({ enabled: false, rate: 0.5 });
    expect((METHOD_LR as Record<string, number>).toy).toBe(5e-3);
  });

  it('is validated with its bounds and its compatibility rules', () => {
    const ok = validateConfig(toyConfig(8), zooLookup);
    expect(ok.ok && (ok.config.method as Record<string, unknown>).toy).toEqual({ width: 8 });
    const tooWide = validateConfig(toyConfig(99), zooLookup);
    expect(tooWide.ok ? [] : tooWide.errors.map((e) => e.message)).toEqual(['method.toy.width: must be ≤ 16 (got 99)']);
    const noBn = validateConfig({ ...toyConfig(8), model: 'vit-broad' }, zooLookup);
    expect(noBn.ok ? [] : noBn.errors.map((e) => e.message)).toEqual(['method.kind: Toy needs BatchNorm; vit-broad has none']);
    const pair = validateConfig(toyConfig(8, { nudge: { enabled: true } }), zooLookup);
    expect(pair.ok ? [] : pair.errors.map((e) => e.message)).toEqual(['method.nudge.enabled: Nudge and Toy pull the same weights two ways']);
    // the modifier's generic rule: LP trains no pretrained weight
    const lp = validateConfig(withDefaults({ method: { kind: 'lp', nudge: { enabled: true } } }), zooLookup);
    expect(lp.ok ? [] : lp.errors.map((e) => e.message)).toEqual([
      'method.nudge.enabled: Nudge nudges pretrained weights; LP keeps every pretrained weight frozen and trains only the head, so Nudge would change nothing',
    ]);
  });

  it('travels in a link and back', () => {
    const config = toyConfig(8);
    const search = buildSearch(config);
    expect(search).toContain('method.kind=toy');
    expect(search).toContain('method.toy.width=8');
    const back = parseUrlState(search, { knownModel: (id) => zooLookup(id) !== undefined });
    expect(back.messages).toEqual([]);
    expect(back.config).toEqual(config);
    const refused = parseUrlState('?v=3&method.kind=toy&method.toy.width=40');
    expect((back.config.method as Record<string, unknown>).toy).toEqual({ width: 8 });
    expect((refused.config.method as Record<string, unknown>).toy).toEqual({ width: 4 });
    expect(refused.messages.map((m) => m.text).join(' ')).toContain('method.toy.width');
    // an older link without the setting meant the default of its time, as the spec says
    const old = parseUrlState('?v=2&method.kind=toy');
    expect((old.config.method as Record<string, unknown>).toy).toEqual({ width: 3 });
    expect(old.messages[0].text).toMatch(/v2.*Toy toy width 3, the default then/);
    expect((parseUrlState('?v=3&method.kind=toy').config.method as Record<string, unknown>).toy).toEqual({ width: 4 });
  });

  it('is named in the config diff with its parameter label', () => {
    expect(configDiffLabel(DEFAULT_CONFIG, toyConfig(8))).toBe('Toy · toy width 8 · lr 5e-3');
    expect(configDiffLabel(DEFAULT_CONFIG, withDefaults({ method: { nudge: { enabled: true, rate: 2 } } }) as Config)).toBe('FT + Nudge · nudge rate 2');
  });

  it('is among the combinations, where its rules allow', () => {
    const labels = allowedCombinations({ blockCount: 4, hasBatchNorm: true }).map(combinationLabel);
    expect(labels).toContain('toy');
    expect(labels).toContain('ft+nudge');
    // every subset of the three real modifiers, never with Nudge (its conflict with Toy)
    const toys = labels.filter((l) => l.startsWith('toy'));
    expect(toys).toHaveLength(8);
    expect(toys.some((l) => l.includes('nudge'))).toBe(false);
    expect(allowedCombinations({ blockCount: 4, hasBatchNorm: false }).map(combinationLabel)).not.toContain('toy');
  });

  it('is in the results plan with its grid, and skipped with its reason where it cannot run', () => {
    expect(METHODS.map((m) => m.label).slice(-2)).toEqual(['Toy', 'FT+Nudge']);
    expect(GRID_PARAM_LABEL['method.toy.width']).toBe('toy width');
    const toy = METHODS.find((m) => m.label === 'Toy')!;
    const plan = makePlan({ scenario: resnet, methods: METHODS, seeds: 2, quick: false, lookup: zooLookup });
    expect(plan.methods.map((m) => m.label)).toContain('Toy');
    const config = runConfigFor(resnet, toy, 8, 0);
    expect(config.lr).toBe(5e-3);
    expect((config.method as Record<string, unknown>).toy).toEqual({ width: 8 });
    expect(validateConfig(config, zooLookup).ok).toBe(true);
    const onVit = makePlan({ scenario: vit, methods: METHODS, seeds: 2, quick: false, lookup: zooLookup });
    expect(onVit.skipped.find((s) => s.spec.label === 'Toy')?.reason).toBe('Toy needs BatchNorm; vit-broad has none');
  });

  it('is in the page’s picker and modifier list without prose of its own (its spec’s names and fields)', () => {
    expect(METHOD_LIST.map((m) => m.short).at(-1)).toBe('Toy');
    expect(METHOD_LIST.at(-1)?.params.map((p) => [p.path, p.label])).toEqual([['toy.width', 'toy width']]);
    expect(MODIFIER_LIST.map((m) => m.short).at(-1)).toBe('Nudge');
  });

  it('is built for a run from its spec, with the modifiers composed onto it', async () => {
    expect((await createMethod(toyConfig(8).method)).kind).toBe('toy');
    expect((await createMethod(toyConfig(8, { spd: { enabled: true, lambda: 1 } }).method)).kind).toBe('toy+spd');
    expect((await createMethod((withDefaults({ method: { nudge: { enabled: true } } }) as Config).method)).kind).toBe('ft+nudge');
  });
});
