/**
 * The bench's measurements on the engine, written once and run in two places: in Node on TF.js's
 * wasm backend (scripts/bench/node.ts) and in the browser's training worker on webgpu, webgl or
 * cpu (bench/harness/benchWorker.ts). Each job uses whatever TF.js backend is active.
 */
import * as tf from '@tensorflow/tfjs';
import type { AssetReader } from '../../../src/engine/assets';
import { DEFAULT_CONFIG, METHOD_LR } from '../../../src/engine/config/defaults';
import { zooLookup } from '../../../src/engine/config/modelLookup';
import { stepsOf, validateConfig } from '../../../src/engine/config/validate';
import type { MethodConfig, MethodKind, ModifierId, RunConfig } from '../../../src/engine/config/schema';
import type { RunEvent } from '../../../src/engine/training/events';
import type { EvalAside } from '../../../src/engine/training/evalReplica';
import { runTraining } from '../../../src/engine/training/run';
import { trainStepFlops } from './flops';
import { countKernels } from './kernels';
import { bareRunner, engineRunner, timingConfig, type BlockMode, type EngineRunner, type ModalRunner, type YieldFn } from './runners';
import { interleave, median, pairedRatio, round, type BlockTime, type InterleavedResult } from './stats';

export interface JobEnv {
  reader: AssetReader;
  yieldNow: YieldFn;
  log(message: string): void;
  /** how this host evaluates a run beside training, where it does (Node: a worker thread where the cores allow) */
  evalAside?(config: RunConfig): EvalAside | undefined;
}

/** A method as the page would start it: default hyperparameters, the method's default learning rate. */
export function methodConfig(base: RunConfig, kind: MethodKind, modifiers: ModifierId[] = []): RunConfig {
  const method: MethodConfig = structuredClone({ ...DEFAULT_CONFIG.method, kind });
  for (const m of modifiers) (method[m] as { enabled: boolean }).enabled = true;
  return { ...base, method, lr: METHOD_LR[kind] };
}

export function variantLabel(kind: MethodKind, modifiers: ModifierId[] = []): string {
  return [kind, ...modifiers].join('+');
}

function memory() {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesInGPUAllocated?: number; numBytesAllocatedInGPU?: number };
  return {
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    // webgpu: bytes in buffers in use / allocated (pool included); webgl: bytes in textures in use / allocated
    numBytesInGPU: m.numBytesInGPU ?? null,
    numBytesAllocatedInGPU: m.numBytesAllocatedInGPU ?? m.numBytesInGPUAllocated ?? null,
  };
}
export type MemorySnapshot = ReturnType<typeof memory>;
export const memorySnapshot = memory;

/** 'auto': readback blocks, unless a warm step takes longer than this (then one step per block). */
export const AUTO_PER_STEP_MS = 250;
export type Timing = 'auto' | BlockMode;

/**
 * Times the runners in interleaved rounds. Steps 1 and 2 are always warm-up (step 1 compiles the
 * kernels; both are timed one step each); `timing` 'auto' then picks the block mode from step 2's
 * time; further warm-up rounds (warmup − 2) run in that mode, then `rounds` timed rounds.
 */
export async function timeRunners(runners: ModalRunner[], timing: Timing, warmup: number, rounds: number, log: (m: string) => void): Promise<InterleavedResult & { mode: BlockMode }> {
  const show = (what: string) => (i: number, v: Record<string, BlockTime>) =>
    log(`  ${what} ${i + 1}: ${Object.entries(v).map(([k, t]) => `${k} ${t.wall.toFixed(1)}`).join(' · ')} ms/step`);
  for (const r of runners) r.mode = 'perStep';
  const first = await interleave(runners, { warmup: 0, rounds: 2, onRound: show('warm-up step') });
  const mode: BlockMode = timing !== 'auto' ? timing : median(Object.values(first.rounds[1]).map((t) => t.wall)) > AUTO_PER_STEP_MS ? 'perStep' : 'readback';
  for (const r of runners) r.mode = mode;
  log(`  timing: ${mode === 'perStep' ? 'one step per block (device sync after each step)' : 'blocks between loss readbacks (10 steps)'}`);
  const extra = Math.max(0, warmup - 2);
  const res = await interleave(runners, { warmup: extra, rounds, onRound: (i, v) => show(i < 0 ? 'warm-up block' : 'block')(i < 0 ? i + extra : i, v) });
  return { ...res, mode };
}

// ---------------------------------------------------------------------------------------------

export interface SpeedJob { kind: 'speed'; models: string[]; config: RunConfig; warmup: number; rounds: number; timing: Timing }
export interface SpeedResult {
  model: string;
  backend: string;
  batch: number;
  msPerStep: number;
  stepsPerSec: number;
  imagesPerSec: number;
  samplesMs: number[];
  timing: BlockMode;
  flopsPerStep: number;
  gflopsPerSec: number;
}

/** Steady-state FT steps of each model: ms/step, steps/s, images/s, achieved GFLOP/s. */
export async function speedJob(job: SpeedJob, env: JobEnv): Promise<SpeedResult[]> {
  const out: SpeedResult[] = [];
  for (const model of job.models) {
    const config = timingConfig(methodConfig({ ...job.config, model }, 'ft'), 12 + 10 * (job.warmup + job.rounds + 1));
    const runner = await engineRunner(`ft:${model}`, config, env.reader, env.yieldNow);
    try {
      env.log(`  ${model} (${tf.getBackend()}, batch ${config.batchSize})`);
      const r = await timeRunners([runner], job.timing, job.warmup, job.rounds, env.log);
      const ms = r.medianMs[runner.label];
      const flops = trainStepFlops(runner.session.ctx.net.view, config.batchSize);
      out.push({
        model, backend: tf.getBackend(), batch: config.batchSize, msPerStep: round(ms, 2), stepsPerSec: round(1000 / ms, 3),
        imagesPerSec: round((1000 / ms) * config.batchSize, 1), samplesMs: r.samples[runner.label].map((v) => round(v, 2)), timing: r.mode,
        flopsPerStep: flops, gflopsPerSec: round(flops / (ms / 1000) / 1e9, 4),
      });
    } finally {
      await runner.close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface RatioVariant { label: string; kind: MethodKind; modifiers?: ModifierId[] }
export interface RatioJob {
  kind: 'ratios';
  config: RunConfig;
  variants: RatioVariant[];
  /** also time a bare TF.js loop of the FT model (label 'bare') */
  bare: boolean;
  warmup: number;
  rounds: number;
  timing: Timing;
}
export interface RatioResult {
  backend: string;
  batch: number;
  model: string;
  medianMs: Record<string, number>;
  samplesMs: Record<string, number[]>;
  /** label → median over rounds of (label's ms/step ÷ ft's ms/step in the same round) */
  vsFt: Record<string, number>;
  /** engine FT ÷ bare loop, median of per-round ratios */
  engineVsBare: number | null;
  timing: BlockMode;
}

/** Interleaved steady-state step times of several methods (and the bare loop) on one model and batch. */
export async function ratioJob(job: RatioJob, env: JobEnv): Promise<RatioResult> {
  const steps = 12 + 10 * (job.warmup + job.rounds + 1);
  const runners: ModalRunner[] = [];
  try {
    let ft: EngineRunner | undefined;
    for (const v of job.variants) {
      env.log(`  opening ${v.label}`);
      const r = await engineRunner(v.label, timingConfig(methodConfig(job.config, v.kind, v.modifiers), steps), env.reader, env.yieldNow);
      if (v.kind === 'ft' && !v.modifiers?.length) ft = r;
      runners.push(r);
    }
    if (job.bare) {
      if (!ft) throw new Error('the bare loop is compared with an ft variant: include one');
      runners.push(await bareRunner({
        label: 'bare', modelId: job.config.model, reader: env.reader, train: ft.session.ctx.data.train,
        numClasses: ft.session.ctx.data.numClasses, batchSize: job.config.batchSize, lr: METHOD_LR.ft, seed: job.config.seed,
      }));
    }
    const r = await timeRunners(runners, job.timing, job.warmup, job.rounds, env.log);
    const ftLabel = job.variants.find((v) => v.kind === 'ft' && !v.modifiers?.length)?.label;
    return {
      backend: tf.getBackend(), batch: job.config.batchSize, model: job.config.model,
      medianMs: Object.fromEntries(Object.entries(r.medianMs).map(([k, v]) => [k, round(v, 2)])),
      samplesMs: Object.fromEntries(Object.entries(r.samples).map(([k, v]) => [k, v.map((x) => round(x, 2))])),
      vsFt: ftLabel ? Object.fromEntries(runners.map((x) => [x.label, round(pairedRatio(r, x.label, ftLabel), 4)])) : {},
      engineVsBare: job.bare && ftLabel ? round(pairedRatio(r, ftLabel, 'bare'), 4) : null,
      timing: r.mode,
    };
  } finally {
    for (const r of runners.reverse()) await r.close();
  }
}

// ---------------------------------------------------------------------------------------------

export interface EvalShareJob { kind: 'evalShare'; config: RunConfig }
export interface EvalShareResult {
  backend: string;
  steps: number;
  evaluations: number;
  /** RunSummary.evalShare, as the engine measures it: the share of wall time training was held by evaluation */
  evalShare: number;
  /** whether the run evaluated beside training, and the evaluations' own time */
  evalAside?: boolean;
  evalSeconds?: number;
  seconds: number;
  stepsPerSec: number;
  medianEvalMs: number;
  /** the share a default run would have: its steps at this run's step time, its evaluations at this run's evaluation time scaled to the default's images */
  projectedDefaultShare: number;
  projectedEvalMs: number;
  defaultSteps: number;
  config: { steps: number; evalEvery: number; evalSize: number; shifts: number; trainSize: number; batchSize: number };
}

/** A full run of `config` (the default config, or a shortened one); the engine's own eval share. */
export async function evalShareJob(job: EvalShareJob, env: JobEnv): Promise<EvalShareResult> {
  const evalMs: number[] = [];
  const aside = env.evalAside?.(job.config);
  const summary = await runTraining(job.config, {
    reader: env.reader,
    ...(aside ? { evalAside: aside } : {}),
    control: { checkpoint: async () => { await env.yieldNow(); return false; } },
    emit: (e: RunEvent) => {
      if (e.type === 'eval') { evalMs.push(e.record.evalMs); env.log(`  eval at step ${e.record.step}: ${e.record.evalMs.toFixed(0)} ms`); }
    },
  });
  const defaultSteps = stepsOf(DEFAULT_CONFIG);
  const defaultEvals = 1 + Math.floor(defaultSteps / DEFAULT_CONFIG.evalEvery) + (defaultSteps % DEFAULT_CONFIG.evalEvery ? 1 : 0);
  const e = median(evalMs);
  // a default run evaluates (test + val + shifts) × evalSize images each time; this run's evaluation
  // time is scaled by the images it evaluated (the loading and compiling of the run are left out)
  const images = (c: RunConfig) => (2 + c.shifts.length) * c.evalSize;
  const defaultEvalMs = e * (images(DEFAULT_CONFIG) / images(job.config));
  const stepSec = 1 / summary.stepsPerSec;
  const projected = (defaultEvals * defaultEvalMs / 1000) / (defaultEvals * defaultEvalMs / 1000 + defaultSteps * stepSec);
  return {
    backend: summary.backend, steps: summary.stepsDone, evaluations: evalMs.length, evalShare: round(summary.evalShare, 4),
    evalAside: summary.evalAside ?? false, evalSeconds: round(evalMs.reduce((a, b) => a + b, 0) / 1000, 2),
    seconds: round(summary.seconds, 2), stepsPerSec: round(summary.stepsPerSec, 3), medianEvalMs: round(e, 1),
    projectedDefaultShare: round(projected, 4), defaultSteps, projectedEvalMs: round(defaultEvalMs, 1),
    config: {
      steps: stepsOf(job.config), evalEvery: job.config.evalEvery, evalSize: job.config.evalSize, shifts: job.config.shifts.length,
      trainSize: job.config.trainSize, batchSize: job.config.batchSize,
    },
  };
}

// ---------------------------------------------------------------------------------------------

export interface MemoryJob { kind: 'memory'; config: RunConfig; runs: number }
export interface MemoryResult {
  backend: string;
  /** before the first run, then after each run's dispose */
  baseline: MemorySnapshot;
  afterRun: MemorySnapshot[];
  secondsPerRun: number[];
}

/** `runs` consecutive full runs of a small config in this worker; memory after each run is disposed. */
export async function memoryJob(job: MemoryJob, env: JobEnv): Promise<MemoryResult> {
  const baseline = memory();
  const afterRun: MemorySnapshot[] = [];
  const secondsPerRun: number[] = [];
  for (let i = 0; i < job.runs; i++) {
    const t0 = performance.now();
    await runTraining(job.config, { reader: env.reader, control: { checkpoint: async () => { await env.yieldNow(); return false; } }, emit: () => undefined });
    afterRun.push(memory());
    secondsPerRun.push(round((performance.now() - t0) / 1000, 2));
    env.log(`  run ${i + 1}/${job.runs}: ${secondsPerRun[i]} s, ${afterRun[i].numTensors} tensors, ${afterRun[i].numBytesInGPU ?? afterRun[i].numBytes} bytes`);
  }
  return { backend: tf.getBackend(), baseline, afterRun, secondsPerRun };
}

// ---------------------------------------------------------------------------------------------

export interface LeakJob { kind: 'leaks'; config: RunConfig; variants: RatioVariant[]; at: [number, number] }
export interface LeakResult {
  label: string;
  /** tensor count at step at[0] and at[1] of the last phase (counted at the loss readback) */
  counts: [number, number];
  delta: number;
  /** tensors left after the run was disposed, minus before it was opened */
  afterDispose: number;
}

/** Tensor count at two steps of each method's last phase, and after dispose. */
export async function leakJob(job: LeakJob, env: JobEnv): Promise<LeakResult[]> {
  const out: LeakResult[] = [];
  const [a, b] = job.at;
  for (const v of job.variants) {
    const config = methodConfig(job.config, v.kind, v.modifiers);
    const lastPhaseStart = 1 + (v.kind === 'lp-ft' ? config.method.lpSteps : 0);
    const run: RunConfig = { ...config, duration: { unit: 'steps', value: b } };
    const counts: Record<number, number> = {};
    const before = tf.memory().numTensors;
    await runTraining(run, {
      reader: env.reader,
      control: { checkpoint: async () => { await env.yieldNow(); return false; } },
      emit: (e) => {
        if (e.type !== 'steps') return;
        // the first loss readback at or after each step (readbacks come every few steps)
        const inPhase = e.firstStep + e.losses.length - 1 - lastPhaseStart + 1;
        for (const at of [a, b]) if (counts[at] === undefined && inPhase >= at) counts[at] = tf.memory().numTensors;
      },
    });
    const afterDispose = tf.memory().numTensors - before;
    if (counts[a] === undefined || counts[b] === undefined) throw new Error(`${v.label}: no loss readback at step ${a} or ${b} of the last phase`);
    out.push({ label: v.label, counts: [counts[a], counts[b]], delta: counts[b] - counts[a], afterDispose });
    env.log(`  ${v.label}: ${counts[a]} tensors at step ${a}, ${counts[b]} at step ${b}; ${afterDispose} left after dispose`);
  }
  return out;
}

export interface KernelJob { kind: 'kernels'; config: RunConfig; models: string[]; variants: RatioVariant[] }
export interface KernelResult {
  model: string;
  label: string;
  /** engine-level kernels (runKernel calls) per training step, over `steps` of the method's last phase */
  perStep: number | null;
  steps: [number, number] | null;
  /** the largest kernel counts per step */
  top: [string, number][];
  /** why there is no count (a method that does not apply to the model) */
  skipped?: string;
}

/** Kernels per step of every model × method (the last phase: LP-FT's FT stage). */
export async function kernelJob(job: KernelJob, env: JobEnv): Promise<KernelResult[]> {
  const out: KernelResult[] = [];
  for (const model of job.models) {
    for (const v of job.variants) {
      const config = methodConfig({ ...job.config, model }, v.kind, v.modifiers);
      const validation = validateConfig(config, zooLookup);
      if (!validation.ok) {
        out.push({ model, label: v.label, perStep: null, steps: null, top: [], skipped: validation.errors.map((e) => e.message).join('; ') });
        continue;
      }
      const from = 5 + (v.kind === 'lp-ft' ? config.method.lpSteps : 0);
      const r = await countKernels(config, env.reader, from, from + 5);
      out.push({ model, label: v.label, perStep: r.perStep, steps: r.steps, top: r.byName.slice(0, 8) });
      env.log(`  ${model} ${v.label}: ${r.perStep.toFixed(0)} kernels per step`);
    }
  }
  return out;
}

export type BenchJob = SpeedJob | RatioJob | EvalShareJob | MemoryJob | LeakJob | KernelJob;

export async function runJob(job: BenchJob, env: JobEnv): Promise<unknown> {
  switch (job.kind) {
    case 'speed': return speedJob(job, env);
    case 'ratios': return ratioJob(job, env);
    case 'evalShare': return evalShareJob(job, env);
    case 'memory': return memoryJob(job, env);
    case 'leaks': return leakJob(job, env);
    case 'kernels': return kernelJob(job, env);
  }
}
