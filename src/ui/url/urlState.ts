/**
 * The page's setup in its URL: every config value that differs from the defaults (seeds included),
 * a version, view options for teachers (`lock`, `hide`, `preset` and its `size`), and a page setting: the backend
 * the user pinned (`backend=wasm`; not part of the run's config). For example
 *   ?v=1&lr=0.001&method.kind=lp-ft&shifts=rotation,fog&lock=1&hide=gallery&backend=wasm
 *
 * Reading a URL is hostile-input parsing: it never throws, never writes a key it does not know
 * (only the config's own leaf paths, looked up in a Map, so `__proto__` and friends are just
 * unknown keys), refuses oversized input before parsing it, checks every value with the config's
 * zod schema, and falls back to the default of each field it cannot use, saying so in a message.
 * Older versions are migrated first (migrate.ts). Pure: no DOM, unit-tested.
 */
import { z } from 'zod';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { leafPaths, readPath, withoutPath, withPath } from '../../engine/config/paths';
import { runConfigSchema, type RunConfig } from '../../engine/config/schema';
import { withDefaults } from '../../engine/config/validate';
import { isUserTarget } from '../../engine/data/user/userDataset';
import { BACKEND_CHOICES, type BackendChoice } from '../../protocol/messages';
import { migrateParams } from './migrate';
import type { UrlMessage } from './urlMessage';
import { PRESET_SIZES, type PresetSize } from '../presets/presets';

/** The link format's version: one more whenever a config field or a default a link leaves out changes (with a step in migrate.ts). */
export const URL_VERSION = 3;

export const URL_LIMITS = {
  /** a full link (every field changed, 19 shifts) is under 1,000 characters */
  maxLength: 4096,
  maxParams: 64,
  /** messages shown; the rest are counted */
  maxMessages: 6,
};

/** Sections a link may hide (`hide=config,gallery`). */
export const HIDEABLE_SECTIONS = ['config', 'presets', 'charts', 'inside', 'diagnostics', 'summary', 'wiseft', 'gallery'] as const;
export type HideableSection = (typeof HIDEABLE_SECTIONS)[number];

/** URL keys that are not config fields: the view options and the pinned backend. */
export const VIEW_KEYS = ['v', 'lock', 'hide', 'preset', 'size', 'backend', 'view'] as const;

export interface ViewOptions {
  /** settings read-only; only the run controls work */
  lock: boolean;
  hide: HideableSection[];
  /** the teaching scenario the link was made from */
  preset: string | null;
  /** `view=present`: the presentation view (one screen, large type, for a projector) */
  present?: boolean;
  /** the scenario's size (`size=quick|full`), written with a preset; a link without it opens the scenario's default (Quick) */
  size?: PresetSize;
}

export const DEFAULT_VIEW: ViewOptions = { lock: false, hide: [], preset: null };

export type { UrlMessage } from './urlMessage';

export interface UrlState {
  config: RunConfig;
  view: ViewOptions;
  /** the backend pinned with `backend=`, or auto (the page picks the right one for the hardware) */
  backend: BackendChoice;
  messages: UrlMessage[];
  /** how many config fields the link set (0: the page's defaults, or the preset's) */
  configFields: number;
}

type LeafKind = 'number' | 'boolean' | 'string' | 'list';
interface Leaf { key: string; path: string[]; kind: LeafKind }

function leavesOf(config: unknown): Leaf[] {
  return leafPaths(config).filter(({ path }) => path.join('.') !== 'schemaVersion').map(({ path, value }) => ({
    key: path.join('.'), path,
    kind: Array.isArray(value) ? 'list' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string',
  }));
}

/** Every config field a URL may set, in the order links write them. A Map: no inherited keys. */
export const CONFIG_KEYS: ReadonlyMap<string, Leaf> = new Map(leavesOf(DEFAULT_CONFIG).map((l) => [l.key, l]));

const leafValue = (config: unknown, leaf: Leaf): unknown => readPath(config, leaf.path);

function format(value: unknown, kind: LeafKind): string {
  if (kind === 'list') return Array.isArray(value) ? value.join(',') : '';
  return String(value);
}

/** The config fields that differ from the defaults, as URL key/value pairs (schema order). */
export function configToParams(config: RunConfig, defaults: RunConfig = DEFAULT_CONFIG): [string, string][] {
  const out: [string, string][] = [];
  for (const leaf of CONFIG_KEYS.values()) {
    const value = format(leafValue(config, leaf), leaf.kind);
    if (value !== format(leafValue(defaults, leaf), leaf.kind)) out.push([leaf.key, value]);
  }
  return out;
}

/** One canonical string per config: equal configs, equal strings (key order does not matter). */
export function configFingerprint(config: RunConfig): string {
  return configToParams(config).map(([k, v]) => `${k}=${v}`).join('&');
}

const encode = (s: string) => encodeURIComponent(s).replace(/%2C/gi, ',');

/** `?v=1&…non-defaults…&lock=1&hide=…&preset=…` plus any `extra` pairs (kept from the current URL). */
export function buildSearch(config: RunConfig, view: ViewOptions = DEFAULT_VIEW, extra: [string, string][] = []): string {
  const pairs: [string, string][] = [['v', String(URL_VERSION)], ...configToParams(config)];
  if (view.lock) pairs.push(['lock', '1']);
  if (view.hide.length) pairs.push(['hide', view.hide.join(',')]);
  if (view.preset) pairs.push(['preset', view.preset]);
  if (view.preset && view.size) pairs.push(['size', view.size]);
  if (view.present) pairs.push(['view', 'present']);
  pairs.push(...extra);
  return `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

/** A key or value as it may be shown: printable, short, quoted. */
export function shown(text: string, max = 40): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '?');
  return `"${clean.length > max ? `${clean.slice(0, max)}…` : clean}"`;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A URL value as the field's type, or why not. */
function parseValue(raw: string, kind: LeafKind): { ok: true; value: unknown } | { ok: false; why: string } {
  const text = raw.trim();
  switch (kind) {
    case 'number': {
      if (!NUMBER_TEXT.test(text)) return { ok: false, why: 'is not a number' };
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, why: 'is not a finite number' };
    }
    case 'boolean':
      if (['1', 'true', 'on', 'yes'].includes(text.toLowerCase())) return { ok: true, value: true };
      if (['0', 'false', 'off', 'no'].includes(text.toLowerCase())) return { ok: true, value: false };
      return { ok: false, why: 'is not true or false' };
    case 'list':
      return { ok: true, value: text === '' ? [] : text.split(',').map((s) => s.trim()) };
    case 'string':
      return { ok: true, value: text };
  }
}

const lockSchema = z.enum(['', '1', 'true', 'yes', 'on', '0', 'false', 'no', 'off']);
const versionSchema = z.string().regex(/^\d{1,6}$/).transform(Number);

export interface ParseOptions {
  /** a preset's config by id at a size (none: the preset's default size; undefined: no such preset) */
  presetConfig?(id: string, size?: PresetSize): RunConfig | undefined;
  /** whether a model id can be used (the zoo's models) */
  knownModel?(id: string): boolean;
}

function describeGot(value: unknown): string {
  if (typeof value === 'string') return shown(value, 24);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return shown(value.join(','), 24);
  return typeof value;
}

/** The setup a URL's query describes; never throws. */
export function parseUrlState(search: string, opts: ParseOptions = {}): UrlState {
  try {
    return parse(search, opts);
  } catch (e) {
    return {
      config: DEFAULT_CONFIG, view: DEFAULT_VIEW, backend: 'auto', configFields: 0,
      messages: [{ level: 'error', text: `This link could not be read (${e instanceof Error ? e.message.slice(0, 80) : 'unknown error'}); showing the default setup.` }],
    };
  }
}

function parse(search: string, opts: ParseOptions): UrlState {
  const query = typeof search === 'string' ? (search.startsWith('?') ? search.slice(1) : search) : '';
  const messages: UrlMessage[] = [];
  const fail = (text: string): UrlState => ({ config: DEFAULT_CONFIG, view: DEFAULT_VIEW, backend: 'auto', configFields: 0, messages: [{ level: 'error', text }] });
  if (query.length > URL_LIMITS.maxLength) {
    return fail(`This link is too long to be a playground link (${query.length.toLocaleString('en')} characters; links the page makes are under ${URL_LIMITS.maxLength.toLocaleString('en')}). Showing the default setup.`);
  }
  const entries = [...new URLSearchParams(query)];
  if (entries.length > URL_LIMITS.maxParams) {
    return fail(`This link has ${entries.length} settings; a playground link has at most ${URL_LIMITS.maxParams}. Showing the default setup.`);
  }
  // last value wins for a repeated key; a Map so no key is special
  const params = new Map<string, string>();
  const repeated = new Set<string>();
  for (const [k, v] of entries) {
    if (params.has(k)) repeated.add(k);
    params.set(k, v);
  }
  for (const k of repeated) messages.push({ level: 'info', text: `${shown(k)} appears more than once; the last value was used.` });

  // version: none means a link from before versions (v0)
  const hasConfigKeys = [...params.keys()].some((k) => !(VIEW_KEYS as readonly string[]).includes(k));
  let version = hasConfigKeys ? 0 : URL_VERSION;
  if (params.has('v')) {
    const v = versionSchema.safeParse(params.get('v'));
    if (!v.success) {
      messages.push({ level: 'error', text: `The link's version ${shown(params.get('v')!)} is not a number; it was read as version ${URL_VERSION}.` });
      version = URL_VERSION;
    } else if (v.data > URL_VERSION) {
      messages.push({ level: 'info', text: `This link was made by a newer version of the playground (v${v.data}); the settings this version knows were used.` });
      version = URL_VERSION;
    } else {
      version = v.data;
    }
  }
  const migrated = migrateParams(params, version);
  messages.push(...migrated.messages);
  const current = migrated.params;

  // view options
  const view: ViewOptions = { lock: false, hide: [], preset: null };
  if (current.has('lock')) {
    const lock = lockSchema.safeParse(current.get('lock')!.trim().toLowerCase());
    if (lock.success) view.lock = ['', '1', 'true', 'yes', 'on'].includes(lock.data);
    else messages.push({ level: 'error', text: `lock=${shown(current.get('lock')!)} is not 1 or 0; the view is not locked.` });
  }
  if (current.has('hide')) {
    const names = current.get('hide')!.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(HIDEABLE_SECTIONS as readonly string[]).includes(n));
    view.hide = HIDEABLE_SECTIONS.filter((s) => names.includes(s));
    if (unknown.length) {
      messages.push({ level: 'error', text: `hide: ${unknown.slice(0, 3).map((n) => shown(n, 20)).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a section (sections: ${HIDEABLE_SECTIONS.join(', ')}).` });
    }
  }
  if (current.has('view')) {
    const raw = current.get('view')!;
    if (raw.trim().toLowerCase() === 'present') view.present = true;
    else messages.push({ level: 'error', text: `view=${shown(raw, 24)} is not a view (present); the page opened as usual.` });
  }
  if (current.has('size')) {
    const size = PRESET_SIZES.find((x) => x === current.get('size')!.trim().toLowerCase());
    if (size) view.size = size;
    else messages.push({ level: 'error', text: `size=${shown(current.get('size')!, 24)} is not quick or full; the scenario's default size was used.` });
  }
  let presetBase: RunConfig | undefined;
  if (current.has('preset')) {
    const id = current.get('preset')!;
    presetBase = opts.presetConfig?.(id, view.size);
    if (presetBase) view.preset = id;
    else messages.push({ level: 'error', text: `There is no teaching scenario ${shown(id)}; the link's other settings were used.` });
  }

  // the pinned backend: a page setting, not part of the config
  let backend: BackendChoice = 'auto';
  if (current.has('backend')) {
    const raw = current.get('backend')!;
    const choice = BACKEND_CHOICES.find((c) => c === raw.trim().toLowerCase());
    if (choice) backend = choice;
    else messages.push({ level: 'error', text: `backend=${shown(raw, 24)} is not a backend (${BACKEND_CHOICES.join(', ')}); the page picks one itself.` });
  }

  // config fields
  let partial: Record<string, unknown> = {};
  const set = new Map<string, string>();
  const unknownKeys: string[] = [];
  for (const [key, raw] of current) {
    if ((VIEW_KEYS as readonly string[]).includes(key)) continue;
    const leaf = CONFIG_KEYS.get(key);
    if (!leaf) { unknownKeys.push(key); continue; }
    const parsed = parseValue(raw, leaf.kind);
    if (!parsed.ok) {
      messages.push({ level: 'error', text: `${key}=${shown(raw, 24)} ${parsed.why}; the default ${format(leafValue(DEFAULT_CONFIG, leaf), leaf.kind)} was used.` });
      continue;
    }
    partial = withPath(partial, leaf.path, parsed.value);
    set.set(key, raw);
  }
  if (unknownKeys.length) {
    const list = unknownKeys.slice(0, 4).map((k) => shown(k, 30)).join(', ');
    const more = unknownKeys.length > 4 ? ` and ${unknownKeys.length - 4} more` : '';
    messages.push({ level: 'error', text: `Ignored ${unknownKeys.length === 1 ? 'a setting' : 'settings'} this playground does not have: ${list}${more}.` });
  }

  // links the page writes carry a version and every non-default setting, so they are complete;
  // a hand-made shortcut (`?preset=<id>`, no version, no settings) means the preset's setup
  const base = presetBase && set.size === 0 && !params.has('v') ? presetBase : DEFAULT_CONFIG;
  let config: RunConfig | undefined;
  for (let attempt = 0; attempt < 4 && !config; attempt++) {
    const candidate = withDefaults(partial, base);
    const result = runConfigSchema.safeParse(candidate);
    if (result.success) { config = result.data; break; }
    const bad = new Set<string>();
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      const leaf = [...CONFIG_KEYS.values()].find((l) => l.path.every((p, i) => path[i] === p));
      if (!leaf || !set.has(leaf.key) || bad.has(leaf.key)) continue;
      bad.add(leaf.key);
      messages.push({ level: 'error', text: `${leaf.key}: ${issue.message} (got ${describeGot(leafValue(candidate, leaf))}); the default ${format(leafValue(base, leaf), leaf.kind)} was used.` });
    }
    if (bad.size === 0) break;
    for (const key of bad) {
      const leaf = CONFIG_KEYS.get(key)!;
      partial = withoutPath(partial, leaf.path);
      set.delete(key);
    }
  }
  if (!config) {
    messages.push({ level: 'error', text: 'The link\'s settings do not fit together; showing the default setup.' });
    config = base;
  }
  if (opts.knownModel && !opts.knownModel(config.model)) {
    messages.push({ level: 'error', text: `model: there is no model ${shown(config.model, 30)} here (a link cannot carry your own model); the default ${base.model} was used.` });
    config = { ...config, model: base.model };
    set.delete('model');
  }
  if (isUserTarget(config.dataset)) {
    // kept, not replaced: in the browser that made the dataset the link works as it is
    messages.push({ level: 'info', text: `dataset: this link names a dataset of your own images (${shown(config.dataset, 40)}); it lives only in the browser that made it, so the run trains only there.` });
  }
  if (messages.length > URL_LIMITS.maxMessages) {
    const extra = messages.length - (URL_LIMITS.maxMessages - 1);
    messages.splice(URL_LIMITS.maxMessages - 1, Infinity, { level: 'error', text: `…and ${extra} more problems with this link.` });
  }
  return { config, view, backend, messages, configFields: set.size };
}

/**
 * The link for the page's current setup, with the backend the user pinned (none for auto);
 * null while the config does not pass the schema (a half-typed number keeps the last good link).
 */
export function currentSearch(config: unknown, share: { view: Omit<ViewOptions, 'preset' | 'size'>; preset: string | null; size?: PresetSize }, backend: BackendChoice): string | null {
  const parsed = runConfigSchema.safeParse(config);
  if (!parsed.success) return null;
  return buildSearch(parsed.data, { lock: share.view.lock, hide: share.view.hide, present: share.view.present, preset: share.preset, size: share.size }, backend === 'auto' ? [] : [['backend', backend]]);
}
