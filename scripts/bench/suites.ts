/**
 * What each part of the bench runs, at three sizes:
 * - quick: a tiny configuration that still produces every figure (the tests; --quick);
 * - default: `npm run bench`, sized so that a machine without a GPU (WebGPU on SwiftShader, where a
 *   ResNet step at batch 32 takes seconds) finishes in about 15 minutes;
 * - full (--full): for a machine with a real GPU: more rounds, every method ratio also on WebGPU,
 *   the eval share of the default config as is on WebGPU.
 * Shared by the Node suite, the browser suite and the tests, so they measure the same things.
 */
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import type { MethodKind, ModifierId, RunConfig } from '../../src/engine/config/schema';
import { baseSpec, baseSpecs, modifierSpec, modifierSpecs } from '../../src/engine/methods/specs';
import { ZOO } from '../../src/engine/models/zoo';
import type { RatioVariant, Timing } from './lib/jobs';

export type Profile = 'quick' | 'default' | 'full';
export type BrowserBackend = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** Every base method, and each modifier on FT, labelled "ft", "lp-ft", "ft+<modifier>". */
export const LEAK_VARIANTS: RatioVariant[] = [
  ...baseSpecs().map((s): RatioVariant => ({ label: s.id, kind: s.id as MethodKind })),
  ...modifierSpecs().map((s): RatioVariant => ({ label: `ft+${s.id}`, kind: 'ft', modifiers: [s.id as ModifierId] })),
];

/** The method ratios of the budget table: FT, the reference, and every method whose spec gives the bench a step-time allowance. */
export const RATIO_VARIANTS: RatioVariant[] = [
  LEAK_VARIANTS[0],
  ...LEAK_VARIANTS.filter((v) => stepTimeAllowance(v)),
];

/** A variant's spec's step-time allowance against FT, with the ratio's name. */
export function stepTimeAllowance(v: RatioVariant): { limit: number; name: string } | null {
  const spec = v.modifiers?.length ? modifierSpec(v.modifiers[0]) : baseSpec(v.kind);
  return spec?.stepTimeVsFt ? { limit: spec.stepTimeVsFt.limit, name: `${spec.stepTimeVsFt.what ?? spec.short} ÷ FT step time` } : null;
}

export const MODELS = ZOO.map((m) => m.id);
export const BROWSER_BACKENDS: BrowserBackend[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

export interface TimedSize { config: RunConfig; warmup: number; rounds: number; timing: Timing }

export interface NodeSizes {
  ratios: TimedSize;
  speed: TimedSize & { models: string[] };
  evalShare: RunConfig;
  leaks: { config: RunConfig; at: [number, number] };
  memory: { config: RunConfig; runs: number };
  /** kernels per step do not depend on the batch size */
  kernels: { config: RunConfig; models: string[]; variants: RatioVariant[] };
}

/** Kernels per FT step each model must stay within (issue 12), and every method's allowance against FT. */
export const KERNEL_BUDGETS: Record<string, number> = { 'resnet-broad': 700, 'vit-broad': 1300, 'mlp-broad': 300 };
export const KERNEL_METHOD_RATIO = 1.25;

export interface BrowserSizes {
  backends: BrowserBackend[];
  speed: TimedSize & { models: string[] };
  /** on webgpu: engine FT ÷ bare loop, and (full) every method ratio */
  ratios: TimedSize & { variants: RatioVariant[] };
  evalShare: RunConfig;
  memory: { config: RunConfig; runs: number; workerRuns: number };
  /** the real page: what the run is set to (by the page's own fields), and for how long long tasks are collected */
  longTasks: { seconds: number; backend: BrowserBackend; fields: Record<string, string> };
  chart: { points: number; repeats: number };
  /** the real page's default run: what the link adds to the defaults ('' for the default run as is) */
  defaultRun: { query: string };
  /** run speed (webgpu), ratios and the eval share in one webgpu worker (kernels compile once) */
  reuseWorker: boolean;
}

/** Step timing needs no big training set: the batch is what costs (the LP/LEVI caches are built once). */
const TIMING_BASE: RunConfig = { ...DEFAULT_CONFIG, trainSize: 512, evalSize: 32, probeSize: 16, shifts: ['rotation'] };

const TINY: RunConfig = {
  ...DEFAULT_CONFIG, trainSize: 128, batchSize: 8, evalSize: 32, probeSize: 16, shifts: ['rotation'],
  method: { ...DEFAULT_CONFIG.method, lpSteps: 10 },
};

/** Leak check: small batches (the count does not depend on the batch), evaluation at the default cadence. */
const LEAK_BASE: RunConfig = {
  ...DEFAULT_CONFIG, trainSize: 256, batchSize: 4, evalSize: 32, probeSize: 16, shifts: ['rotation'],
  method: { ...DEFAULT_CONFIG.method, lpSteps: 20 },
};

export function nodeSizes(profile: Profile): NodeSizes {
  if (profile === 'quick') {
    return {
      ratios: { config: TINY, warmup: 2, rounds: 1, timing: 'auto' },
      speed: { config: TINY, warmup: 2, rounds: 1, timing: 'auto', models: MODELS },
      evalShare: { ...TINY, duration: { unit: 'steps', value: 20 }, evalEvery: 10 },
      leaks: { config: { ...LEAK_BASE, trainSize: 128, evalEvery: 10 }, at: [10, 30] },
      memory: { config: { ...TINY, duration: { unit: 'steps', value: 3 } }, runs: 2 },
      kernels: { config: TINY, models: ['mlp-broad'], variants: [LEAK_VARIANTS[0], LEAK_VARIANTS.find((v) => v.modifiers?.length)!] },
    };
  }
  const full = profile === 'full';
  return {
    ratios: { config: TIMING_BASE, warmup: 3, rounds: full ? 12 : 6, timing: 'auto' },
    speed: { config: TIMING_BASE, warmup: 3, rounds: full ? 6 : 3, timing: 'auto', models: MODELS },
    evalShare: DEFAULT_CONFIG,
    leaks: { config: LEAK_BASE, at: [50, 500] },
    memory: { config: { ...TINY, duration: { unit: 'steps', value: 10 } }, runs: 10 },
    kernels: { config: { ...TINY, batchSize: 32 }, models: MODELS, variants: LEAK_VARIANTS },
  };
}

export function browserSizes(profile: Profile): BrowserSizes {
  if (profile === 'quick') {
    const mlp = { ...TINY, model: 'mlp-broad' };
    return {
      backends: BROWSER_BACKENDS,
      speed: { config: mlp, warmup: 2, rounds: 1, timing: 'perStep', models: ['mlp-broad'] },
      ratios: { config: mlp, warmup: 2, rounds: 1, timing: 'perStep', variants: [RATIO_VARIANTS[0]] },
      evalShare: { ...mlp, duration: { unit: 'steps', value: 4 }, evalEvery: 2 },
      memory: { config: { ...mlp, duration: { unit: 'steps', value: 1 } }, runs: 2, workerRuns: 2 },
      longTasks: { seconds: 5, backend: 'webgpu', fields: { 'Pretrained model': 'mlp-broad', 'Eval images': '32', 'Training images': '128', 'Batch size': '8', 'Evaluate every (steps)': '5' } },
      chart: { points: 2000, repeats: 2 },
      defaultRun: { query: 'v=3&model=mlp-broad&trainSize=128&batchSize=8&evalSize=32&probeSize=16&duration.unit=steps&duration.value=6&evalEvery=3' },
      reuseWorker: true,
    };
  }
  const full = profile === 'full';
  return {
    backends: BROWSER_BACKENDS,
    speed: { config: TIMING_BASE, warmup: 3, rounds: full ? 6 : 2, timing: 'auto', models: MODELS },
    ratios: { config: TIMING_BASE, warmup: 3, rounds: full ? 8 : 2, timing: 'auto', variants: full ? RATIO_VARIANTS : [RATIO_VARIANTS[0]] },
    // default: the default config (model, batch, 4 shifts) with fewer eval images and steps; the
    // share of a default run is projected from its step time and its evaluation time scaled to 500 images
    evalShare: full ? DEFAULT_CONFIG : { ...DEFAULT_CONFIG, trainSize: 512, evalSize: 50, probeSize: 32, duration: { unit: 'steps', value: 6 }, evalEvery: 3 },
    memory: { config: { ...TINY, evalSize: 32, duration: { unit: 'steps', value: 2 } }, runs: 10, workerRuns: full ? 10 : 3 },
    // full: the page as it opens (default config); default: a model whose steps stream within 60 s on a software adapter
    longTasks: full
      ? { seconds: 60, backend: 'webgpu', fields: {} }
      : { seconds: 60, backend: 'webgpu', fields: { 'Pretrained model': 'mlp-broad', 'Eval images': '100', 'Evaluate every (steps)': '10' } },
    chart: { points: 10_000, repeats: full ? 15 : 7 },
    defaultRun: { query: '' },
    reuseWorker: false,
  };
}
