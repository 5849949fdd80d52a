/**
 * How long a run will take in this browser, before it starts: from the speed of runs that finished
 * here (steps/s, seconds per evaluated image, fixed setup time), kept per model, backend and method,
 * read from their summaries; with nothing measured yet, a rough default that says it is a guess.
 * Pure functions (the store keeps the measurements in localStorage); unit-tested.
 */
import type { RunConfig } from '../../engine/config/schema';
import { stepsOf } from '../../engine/config/validate';
import type { RunSummary } from '../../engine/training/events';

/** One key's measured speed, averaged over the runs seen (the newest weigh as much as the oldest). */
export interface Speed {
  stepsPerSec: number;
  /** seconds training was held per evaluated image (the test images and each shift's copy, and the probes) */
  evalSecPerImage: number;
  /**
   * the evaluations' own seconds per image, wherever they ran: what a run that evaluates in its
   * training worker is held for (a run that evaluated beside training was held for less)
   */
  evalOwnSecPerImage: number;
  /** loading, compiling and preparing: everything that is neither training steps nor evaluation */
  setupSec: number;
  /** batch size the steps/s was measured at (time per step is scaled by batch size from there) */
  batchSize: number;
  runs: number;
}

/** Measured speeds by `model|backend|method kind`. */
export type MeasuredSpeeds = Record<string, Speed>;

/**
 * With nothing measured: a stated guess. 10 steps/s at batch 32 is the README's measured wasm
 * speed of resnet-broad on a 2-core machine without a GPU (101–115 ms a step), the slowest shipped
 * CNN at that size, so it errs long for the small MLPs; setup and evaluation costs are round guesses.
 */
export const GUESS: Speed = { stepsPerSec: 10, evalSecPerImage: 0.0005, evalOwnSecPerImage: 0.0005, setupSec: 5, batchSize: 32, runs: 0 };

export const speedKey = (model: string, backend: string, kind: string) => `${model}|${backend}|${kind}`;

/** Training steps of a run, both phases of LP-FT included. */
export function totalSteps(config: RunConfig): number {
  return stepsOf(config) + (config.method.kind === 'lp-ft' ? config.method.lpSteps : 0);
}

/** Evaluations of a run: one before training, one every `evalEvery` steps, and one at the end. */
export function evalCount(config: RunConfig): number {
  const steps = totalSteps(config);
  return 1 + Math.floor(steps / config.evalEvery) + (steps % config.evalEvery === 0 ? 0 : 1);
}

/** Images one evaluation runs through the network: the test images, one copy per shift, and the ID and OOD probes. */
export function imagesPerEval(config: RunConfig): number {
  return config.evalSize * (1 + config.shifts.length) + 2 * config.probeSize;
}

/** What a finished run's summary says about this browser's speed; null when it cannot say (too short, not timed). */
export function speedFromSummary(summary: RunSummary): { key: string; speed: Speed } | null {
  const { config, stepsPerSec, seconds, evalShare, evalSeconds, stepsDone, backend } = summary;
  if (!(stepsPerSec > 0) || !(seconds > 0) || stepsDone < 1 || !backend) return null;
  const trainSec = stepsDone / stepsPerSec;
  const evalSec = Math.max(0, evalShare) * seconds;
  const evaluated = Math.max(1, evalCount({ ...config, duration: { unit: 'steps', value: stepsDone } }) * imagesPerEval(config));
  const speed: Speed = {
    stepsPerSec, evalSecPerImage: evalSec / evaluated,
    // older summaries have no evaluations' own time: they evaluated in the run, held for all of it
    evalOwnSecPerImage: (evalSeconds ?? evalSec) / evaluated,
    setupSec: Math.max(0, seconds - trainSec - evalSec), batchSize: config.batchSize, runs: 1,
  };
  return { key: speedKey(config.model, backend, config.method.kind), speed };
}

/** The speeds with one more finished run folded in (a running mean per key). */
export function recordSpeed(measured: MeasuredSpeeds, summary: RunSummary): MeasuredSpeeds {
  const seen = speedFromSummary(summary);
  if (!seen) return measured;
  const old = measured[seen.key];
  if (!old) return { ...measured, [seen.key]: seen.speed };
  const n = old.runs + 1;
  // steps/s is kept at the batch size first measured: a run at another batch size is rescaled to it
  const steps = seen.speed.stepsPerSec * (seen.speed.batchSize / old.batchSize);
  const mean = (a: number, b: number) => a + (b - a) / n;
  return {
    ...measured,
    [seen.key]: {
      stepsPerSec: mean(old.stepsPerSec, steps), evalSecPerImage: mean(old.evalSecPerImage, seen.speed.evalSecPerImage),
      evalOwnSecPerImage: mean(old.evalOwnSecPerImage, seen.speed.evalOwnSecPerImage),
      setupSec: mean(old.setupSec, seen.speed.setupSec), batchSize: old.batchSize, runs: n,
    },
  };
}

export interface Estimate {
  seconds: number;
  /** 'measured': this model, backend and method ran here; 'similar': this model and backend, another method; 'guess': nothing measured */
  basis: 'measured' | 'similar' | 'guess';
  /** finished runs the figure rests on */
  runs: number;
  /**
   * A queue with several runs at once: its time if they gain nothing from running side by side
   * (as if one after another). On a 2-core machine with other work beside it, two runs side by
   * side came close to this end, not to the parallel figure.
   */
  upperSeconds?: number;
}

/** The speed to plan a config with: its own key, else the mean of its model's other methods on that backend, else the guess. */
function speedFor(config: RunConfig, measured: MeasuredSpeeds, backend: string): { speed: Speed; basis: Estimate['basis'] } {
  const own = measured[speedKey(config.model, backend, config.method.kind)];
  if (own) return { speed: own, basis: 'measured' };
  const prefix = `${config.model}|${backend}|`;
  const others = Object.entries(measured).filter(([k]) => k.startsWith(prefix)).map(([, s]) => s);
  if (others.length === 0) return { speed: GUESS, basis: 'guess' };
  const avg = (f: (s: Speed) => number) => others.reduce((a, s) => a + f(s), 0) / others.length;
  return {
    speed: {
      stepsPerSec: avg((s) => s.stepsPerSec * s.batchSize) / config.batchSize, evalSecPerImage: avg((s) => s.evalSecPerImage),
      evalOwnSecPerImage: avg((s) => s.evalOwnSecPerImage),
      setupSec: avg((s) => s.setupSec), batchSize: config.batchSize, runs: others.reduce((a, s) => a + s.runs, 0),
    },
    basis: 'similar',
  };
}

/**
 * Seconds a run of `config` should take on `backend` here: setup + steps at the measured rate + the
 * time its evaluations hold training (`evalAside`: whether it will evaluate beside training).
 */
export function estimateRunSeconds(config: RunConfig, measured: MeasuredSpeeds, backend = 'wasm', evalAside = false): Estimate {
  const { speed, basis } = speedFor(config, measured, backend);
  // time per step grows with the batch (roughly: small models pay a fixed cost per step too)
  const secPerStep = (1 / speed.stepsPerSec) * (config.batchSize / speed.batchSize);
  const evalSecPerImage = evalAside ? speed.evalSecPerImage : speed.evalOwnSecPerImage;
  const seconds = speed.setupSec + totalSteps(config) * secPerStep + evalCount(config) * imagesPerEval(config) * evalSecPerImage;
  return { seconds, basis, runs: speed.runs };
}

/**
 * Seconds until a queue of runs is done with `parallel` of them at once (`evalAside`: whether they
 * evaluate beside training at that many): runs start in order on the
 * first free slot (as the queue does); runs side by side are assumed not to slow each other, so
 * on a machine with few cores this is a lower bound, and `upperSeconds` (one after another) the
 * other end. The basis is the weakest of the runs'.
 */
export function estimateQueueSeconds(configs: readonly RunConfig[], measured: MeasuredSpeeds, parallel = 1, backend = 'wasm', evalAside = false): Estimate {
  const slots = Array.from({ length: Math.max(1, Math.floor(parallel)) }, () => 0);
  let basis: Estimate['basis'] = 'measured';
  let runs = Number.POSITIVE_INFINITY;
  let sequential = 0;
  const rank = { measured: 0, similar: 1, guess: 2 } as const;
  for (const config of configs) {
    const e = estimateRunSeconds(config, measured, backend, evalAside);
    if (rank[e.basis] > rank[basis]) basis = e.basis;
    runs = Math.min(runs, e.runs);
    const free = slots.indexOf(Math.min(...slots));
    slots[free] += e.seconds;
    sequential += e.seconds;
  }
  const seconds = configs.length ? Math.max(...slots) : 0;
  return {
    seconds, basis: configs.length ? basis : 'guess', runs: Number.isFinite(runs) ? runs : 0,
    ...(sequential > seconds ? { upperSeconds: sequential } : {}),
  };
}

/** "≈ 40 s", "≈ 3 min", "≈ 1 h 20 min": rounded to what an estimate can promise. */
export function formatEstimate(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '≈ ?';
  if (seconds < 60) return `≈ ${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  if (seconds < 3600) return `≈ ${Math.round(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60 / 10) * 10;
  return m === 60 ? `≈ ${h + 1} h` : `≈ ${h} h${m ? ` ${m} min` : ''}`;
}

/** "≈ 2–4 min", "≈ 45 s – 2 min"; a single figure where the two round alike. */
export function formatEstimateRange(lo: number, hi: number | undefined): string {
  const a = formatEstimate(lo);
  if (hi === undefined) return a;
  const b = formatEstimate(hi);
  if (a === b) return a;
  const unit = (t: string) => /\d( s| min)$/.exec(t)?.[1];
  const ua = unit(a);
  if (ua && ua === unit(b)) return `${a.slice(0, -ua.length)}–${b.slice(2)}`;
  return `${a} – ${b.slice(2)}`;
}

/** What the figure rests on, in words. */
export function basisText(e: Estimate, backend: string): string {
  if (e.basis === 'measured') return `measured here: ${e.runs} finished run${e.runs === 1 ? '' : 's'} of this model and method on ${backend}`;
  if (e.basis === 'similar') return `from ${e.runs} finished run${e.runs === 1 ? '' : 's'} of this model with other methods on ${backend}`;
  return 'a rough guess: nothing has finished in this browser yet (it learns from every finished run)';
}
