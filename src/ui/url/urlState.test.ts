/** The URL state: round trip, only non-defaults written, migration, and each kind of bad link refused without a throw. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { zooLookup } from '../../engine/config/modelLookup';
import type { RunConfig } from '../../engine/config/schema';
import { SHIFT_IDS } from '../../engine/shifts/types';
import { presetConfig } from '../presets/presets';
import { MIGRATIONS } from './migrate';
import {
  buildSearch, CONFIG_KEYS, configFingerprint, configToParams, currentSearch, parseUrlState, URL_LIMITS, URL_VERSION, type ParseOptions,
} from './urlState';

const OPTS: ParseOptions = { presetConfig, knownModel: (id) => zooLookup(id) !== undefined };
const parse = (search: string) => parseUrlState(search, OPTS);

const CHANGED: RunConfig = {
  ...DEFAULT_CONFIG,
  model: 'vit-broad',
  dataset: 'fashion-mnist',
  trainSize: 1234,
  shifts: ['rotation', 'fog', 'pixelate'].filter((s) => (SHIFT_IDS as readonly string[]).includes(s)) as RunConfig['shifts'],
  severity: 5,
  method: {
    ...DEFAULT_CONFIG.method,
    kind: 'lp-ft', lpSteps: 77, lpLr: 0.0123,
    spd: { enabled: true, lambda: 0.5 }, l2sp: { enabled: false, alpha: 0.3, beta: 1e-7 },
  },
  optimizer: 'sgd', lr: 1e-4, schedule: 'constant', batchSize: 64,
  duration: { unit: 'steps', value: 250 },
  seed: 2 ** 31 - 1, evalEvery: 7, evalSize: 3000, probeSize: 1000,
  targetClasses: '5-9', labelNoise: 0.15, evalTrain: true,
};

describe('writing a URL', () => {
  it('writes only the version for the defaults', () => {
    expect(buildSearch(DEFAULT_CONFIG)).toBe(`?v=${URL_VERSION}`);
    expect(configToParams(DEFAULT_CONFIG)).toEqual([]);
  });

  it('writes only the fields that differ from the defaults, with readable lists', () => {
    const search = buildSearch({ ...DEFAULT_CONFIG, lr: 0.001, method: { ...DEFAULT_CONFIG.method, kind: 'lp-ft' }, shifts: ['rotation', 'fog'] });
    expect(search).toBe('?v=3&shifts=rotation,fog&method.kind=lp-ft&lr=0.001');
  });

  it('writes a scenario\'s size only beside the scenario', () => {
    expect(buildSearch(DEFAULT_CONFIG, { lock: false, hide: [], preset: 'daft-batchnorm', size: 'full' })).toBe('?v=3&preset=daft-batchnorm&size=full');
    expect(buildSearch(DEFAULT_CONFIG, { lock: false, hide: [], preset: null, size: 'full' })).toBe('?v=3');
    expect(parse('?v=3&preset=daft-batchnorm&size=quick').view).toEqual({ lock: false, hide: [], preset: 'daft-batchnorm', size: 'quick' });
  });

  it('adds the view options after the config', () => {
    expect(buildSearch(DEFAULT_CONFIG, { lock: true, hide: ['config', 'gallery'], preset: 'daft-batchnorm' }, [['backend', 'webgpu']]))
      .toBe('?v=3&lock=1&hide=config,gallery&preset=daft-batchnorm&backend=webgpu');
  });

  it('knows every config field except the schema version', () => {
    expect(CONFIG_KEYS.has('schemaVersion')).toBe(false);
    expect([...CONFIG_KEYS.keys()]).toContain('method.spd.lambda');
    expect([...CONFIG_KEYS.keys()]).toContain('duration.unit');
    expect([...CONFIG_KEYS.keys()]).toEqual(expect.arrayContaining(['labelNoise', 'targetClasses', 'evalTrain', 'testDomain']));
    expect(CONFIG_KEYS.size).toBe(33);
  });
});

describe('the page\'s current link', () => {
  const share = { view: { lock: true, hide: [] }, preset: 'ftlp-prior' };
  it('writes the pinned backend and the view, and waits while a field holds no valid number', () => {
    expect(currentSearch({ ...DEFAULT_CONFIG, seed: 3 }, share, 'webgpu')).toBe('?v=3&seed=3&lock=1&preset=ftlp-prior&backend=webgpu');
    expect(currentSearch({ ...DEFAULT_CONFIG, lr: Number.NaN }, share, 'wasm')).toBeNull();
    expect(currentSearch({ ...DEFAULT_CONFIG }, { view: { lock: false, hide: [] }, preset: null }, 'auto')).toBe('?v=3');
  });
});

describe('the pinned backend (backend=)', () => {
  it('reads every choice, in any case, and round-trips it', () => {
    for (const choice of ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const) {
      const state = parse(`?v=1&backend=${choice.toUpperCase()}`);
      expect(state.backend).toBe(choice);
      expect(state.messages).toEqual([]);
      expect(parse(currentSearch(DEFAULT_CONFIG, { view: { lock: false, hide: [] }, preset: null }, choice)!).backend).toBe(choice);
    }
  });

  it('is auto when the link has none, and is not a config field', () => {
    expect(parse('?v=1&lr=0.01').backend).toBe('auto');
    const pinned = parse('?backend=wasm');
    expect(pinned.config).toEqual(DEFAULT_CONFIG);
    expect(pinned.configFields).toBe(0);
  });

  it('reports an unknown backend and ignores it, keeping the rest of the link', () => {
    const state = parse('?v=1&lr=0.01&backend=bogus');
    expect(state.backend).toBe('auto');
    expect(state.config.lr).toBe(0.01);
    expect(state.messages).toEqual([{ level: 'error', text: 'backend="bogus" is not a backend (auto, webgpu, wasm, webgl, cpu); the page picks one itself.' }]);
    expect(parse('?backend=%3Cscript%3E').messages[0].text).toContain('backend="<script>" is not a backend');
  });
});

describe('round trip', () => {
  it('config → URL → the same config, seeds included', () => {
    const back = parse(buildSearch(CHANGED));
    expect(back.messages).toEqual([]);
    expect(back.config).toEqual(CHANGED);
    expect(back.configFields).toBe(configToParams(CHANGED).length);
  });

  it('round-trips every single-field change and awkward numbers', () => {
    for (const lr of [0.1 + 0.2, 1e-7, 3.14159e-3, 10]) {
      const c = { ...DEFAULT_CONFIG, lr };
      expect(parse(buildSearch(c)).config).toEqual(c);
    }
    for (const seed of [0, 1, 123456789]) expect(parse(buildSearch({ ...DEFAULT_CONFIG, seed })).config.seed).toBe(seed);
    const all = { ...DEFAULT_CONFIG, shifts: [...SHIFT_IDS] };
    expect(parse(buildSearch(all)).config).toEqual(all);
    expect(buildSearch(all).length).toBeLessThan(URL_LIMITS.maxLength);
  });

  it('the defaults, from an empty query or a bare version', () => {
    for (const s of ['', '?', '?v=1']) {
      const r = parse(s);
      expect(r.config).toEqual(DEFAULT_CONFIG);
      expect(r.messages).toEqual([]);
    }
  });

  it('the fingerprint ignores key order', () => {
    const reordered = JSON.parse(JSON.stringify({ ...CHANGED, method: { ...CHANGED.method } })) as RunConfig;
    const shuffled = Object.fromEntries(Object.entries(reordered).reverse()) as RunConfig;
    expect(configFingerprint(shuffled)).toBe(configFingerprint(CHANGED));
  });
});

describe('view options', () => {
  it('reads lock, hide and preset', () => {
    const r = parse('?v=1&lock=1&hide=config,gallery&preset=daft-batchnorm');
    expect(r.view).toEqual({ lock: true, hide: ['config', 'gallery'], preset: 'daft-batchnorm' });
    expect(r.messages).toEqual([]);
  });

  it('a preset link without settings opens the preset; with settings, the settings', () => {
    const only = parse('?preset=daft-batchnorm');
    expect(only.config).toEqual(presetConfig('daft-batchnorm'));
    const withSettings = parse('?v=1&lr=0.005&preset=daft-batchnorm');
    expect(withSettings.config).toEqual({ ...DEFAULT_CONFIG, lr: 0.005 });
    expect(withSettings.view.preset).toBe('daft-batchnorm');
  });

  it('says what it could not use: an unknown preset, section or lock value', () => {
    const r = parse('?v=1&lock=maybe&hide=config,nope&preset=magic');
    expect(r.view).toEqual({ lock: false, hide: ['config'], preset: null });
    expect(r.messages.map((m) => m.text).join('\n')).toMatch(/lock="maybe" is not 1 or 0[\s\S]*"nope" is not a section[\s\S]*no teaching scenario "magic"/);
  });
});

describe('migration', () => {
  it('has one step per older version', () => {
    expect(MIGRATIONS).toHaveLength(URL_VERSION);
  });

  it('converts a v0 link (flat method, epochs) and says so', () => {
    const r = parse('?method=lp-ft&epochs=6&lr=0.0001&frozen=3');
    expect(r.config).toEqual({
      ...DEFAULT_CONFIG, lr: 1e-4,
      method: { ...DEFAULT_CONFIG.method, kind: 'lp-ft', frozenBlocks: 3 },
      duration: { unit: 'epochs', value: 6 },
    });
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ level: 'info' });
    expect(r.messages[0].text).toMatch(/older version .*v0.*method → method\.kind.*epochs → duration/);
  });

  it('converts v0 steps, and prefers epochs when a v0 link has both', () => {
    expect(parse('?steps=40').config.duration).toEqual({ unit: 'steps', value: 40 });
    const both = parse('?epochs=2&steps=40');
    expect(both.config.duration).toEqual({ unit: 'epochs', value: 2 });
    expect(both.messages.some((m) => m.level === 'error' && /both epochs and steps/.test(m.text))).toBe(true);
  });

  it('a v0 link with bad values gets the migrated good ones and defaults for the rest', () => {
    const r = parse('?method=banana&epochs=6');
    expect(r.config.duration).toEqual({ unit: 'epochs', value: 6 });
    expect(r.config.method.kind).toBe(DEFAULT_CONFIG.method.kind);
    expect(r.messages.some((m) => /method\.kind/.test(m.text))).toBe(true);
  });

  it('gives a v1 DAFT link the head multiplier it meant (100, the default then) and leaves others alone', () => {
    const r = parse('?v=1&method.kind=daft&lr=0.0005');
    expect(r.config.method.daft.headLrScale).toBe(100);
    expect(r.messages[0].text).toMatch(/older version .*v1.*DAFT head lr ×100/);
    expect(parse('?v=1&method.kind=daft&method.daft.headLrScale=300').config.method.daft.headLrScale).toBe(300);
    expect(parse('?v=3&method.kind=daft').config.method.daft.headLrScale).toBe(1000);
    const ft = parse('?v=1&lr=0.001');
    expect(ft.config.method.daft.headLrScale).toBe(1000);
    expect(ft.messages).toHaveLength(0);
  });

  it('reads a v2 link (before the benchmark targets) as it meant, with nothing to convert', () => {
    const r = parse('?v=2&dataset=fashion-mnist&lr=0.001');
    expect(r.config).toEqual({ ...DEFAULT_CONFIG, dataset: 'fashion-mnist', lr: 0.001 });
    expect(r.config.testDomain).toBe(0);
    expect(r.messages).toHaveLength(0);
  });

  it('writes and reads a benchmark target with its held-out domain and no synthetic shift', () => {
    const config = { ...DEFAULT_CONFIG, dataset: 'rotated-mnist' as const, testDomain: 5, shifts: [] };
    const search = buildSearch(config);
    expect(search).toBe('?v=3&dataset=rotated-mnist&testDomain=5&shifts=');
    const back = parse(search);
    expect(back.messages).toHaveLength(0);
    expect(back.config).toEqual(config);
    expect(parse('?v=3&dataset=colored-mnist&testDomain=5').messages[0].text).toMatch(/testDomain: Colored MNIST \(DomainBed\) has 3 domains/);
  });

  it('reads a newer version as this one and says so', () => {
    const r = parse('?v=9&lr=0.001');
    expect(r.config.lr).toBe(0.001);
    expect(r.messages[0].text).toMatch(/newer version/);
  });
});

describe('bad and hostile links: defaults (or what was usable) and a message, never a throw', () => {
  const expectDefaultsWithMessage = (search: string, pattern: RegExp) => {
    let r: ReturnType<typeof parse> | undefined;
    expect(() => { r = parse(search); }).not.toThrow();
    expect(r!.config).toEqual(DEFAULT_CONFIG);
    expect(r!.messages.length).toBeGreaterThan(0);
    expect(r!.messages.map((m) => m.text).join('\n')).toMatch(pattern);
  };

  it('garbage', () => {
    expectDefaultsWithMessage('?%%%&&&==&garbage', /does not have/);
    expectDefaultsWithMessage('?v=1&asdf=qwer&=x', /does not have: "asdf", ""/);
  });

  it('wrong types', () => {
    expectDefaultsWithMessage('?v=1&lr=abc', /lr="abc" is not a number; the default 0.002 was used/);
    expectDefaultsWithMessage('?v=1&lr=Infinity', /not a number/);
    expectDefaultsWithMessage('?v=1&lr=1e999', /not a finite number/);
    expectDefaultsWithMessage('?v=1&method.spd.enabled=perhaps', /not true or false/);
    expectDefaultsWithMessage('?v=1&seed=1.5', /seed: .*(integer|int)/i);
    expectDefaultsWithMessage('?v=1&method.kind=rm%20-rf', /method\.kind/);
    expectDefaultsWithMessage('?v=1&shifts=rotation,not-a-shift', /shifts/);
    expectDefaultsWithMessage('?v=1&shifts=', /shifts: pick at least one shift/);
    expectDefaultsWithMessage('?v=abc', /version "abc" is not a number/);
  });

  it('out-of-range values fall back field by field, keeping the good ones', () => {
    const r = parse('?v=1&lr=50&seed=7&batchSize=0');
    expect(r.config).toEqual({ ...DEFAULT_CONFIG, seed: 7 });
    expect(r.messages.map((m) => m.text).join('\n')).toMatch(/lr: must be ≤ 10 \(got 50\)[\s\S]*batchSize/);
    expect(r.configFields).toBe(1);
  });

  it('an unknown model (or a user\'s own model) is refused', () => {
    expectDefaultsWithMessage('?v=1&model=my-secret-model', /no model "my-secret-model"/);
  });

  it('100 KB of junk is refused before it is parsed', () => {
    const junk = `?v=1&lr=0.001&${'x'.repeat(100 * 1024)}`;
    // refused on its length alone (the message says so): no lr from it was read
    expectDefaultsWithMessage(junk, /too long to be a playground link \(102,413 characters/);
  });

  it('too many parameters', () => {
    expectDefaultsWithMessage(`?${Array.from({ length: 100 }, (_, i) => `k${i}=1`).join('&')}`, /100 settings/);
  });

  it('prototype-pollution keys are unknown keys and pollute nothing', () => {
    const hostile = [
      '__proto__=1', '__proto__[polluted]=1', '__proto__.polluted=1', 'constructor.prototype.polluted=1',
      'method.__proto__.polluted=1', 'method.constructor=1', 'toString=1', 'hasOwnProperty=1', 'prototype=1',
    ].join('&');
    const r = parse(`?v=1&lr=0.001&${hostile}`);
    expect(r.config).toEqual({ ...DEFAULT_CONFIG, lr: 0.001 });
    expect(r.messages.some((m) => /does not have/.test(m.text))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.config)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(r.config.method)).toBe(Object.prototype);
  });

  it('control characters and very long keys are shown harmlessly', () => {
    const r = parse(`?v=1&${encodeURIComponent('a\u202eb\u0000c')}=1&${'k'.repeat(300)}=2`);
    const text = r.messages.map((m) => m.text).join('\n');
    expect(text).not.toMatch(/[\u0000\u202e]/);
    expect(text.length).toBeLessThan(400);
  });

  it('never throws, whatever the input', () => {
    const inputs = ['?%E0%A4%A', '?v=1&lr=%', '?&&&', '?=', '?v=-1', '?v=1e3', '?lock', '?hide=', `?v=1&duration.unit=${'e'.repeat(500)}`, '?v=1&duration.value=-5'];
    for (const s of inputs) expect(() => parse(s)).not.toThrow();
    expect(parse('?lock').view.lock).toBe(true);
    expect(parse('?v=1&duration.value=-5').config.duration.value).toBe(DEFAULT_CONFIG.duration.value);
    // a non-string (a caller's bug) still gives the defaults
    expect(parseUrlState(undefined as unknown as string).config).toEqual(DEFAULT_CONFIG);
  });

  it('caps the number of messages', () => {
    const r = parse(`?v=1&${Array.from({ length: 20 }, (_, i) => `lr${i}=1&seed=x${i}`).join('&')}&lr=abc&seed=abc&trainSize=abc&batchSize=abc&evalSize=abc&probeSize=abc&evalEvery=abc`);
    expect(r.messages.length).toBeLessThanOrEqual(URL_LIMITS.maxMessages);
    expect(r.messages[r.messages.length - 1].text).toMatch(/more problems/);
  });
});

describe('view=present', () => {
  it('round-trips through the link, beside a scenario and its size, and a bad value is named', async () => {
    const { currentSearch, parseUrlState } = await import('./urlState');
    const { DEFAULT_CONFIG } = await import('../../engine/config/defaults');
    const search = currentSearch(DEFAULT_CONFIG, { view: { lock: false, hide: [], present: true }, preset: null }, 'auto')!;
    expect(new URLSearchParams(search).get('view')).toBe('present');
    expect(parseUrlState(search).view.present).toBe(true);
    const bad = parseUrlState('?view=slides');
    expect(bad.view.present).toBeFalsy();
    expect(bad.messages.map((m) => m.text).join(' ')).toMatch(/view=.*slides.*is not a view/);
  });
});
