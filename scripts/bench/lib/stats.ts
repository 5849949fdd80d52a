/** Small statistics for the bench: medians, interleaved rounds, ratios. Pure; runs in Node and in the browser. */

export function median(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return Number.NaN;
  const s = [...finite].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of |x − median| (a robust spread, same unit as the data). */
export function mad(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Time of one block, per step: wall clock, and the process's CPU time where it can be read (Node). */
export interface BlockTime { wall: number; cpu: number | null }

/** The process's CPU time in ms (user + system), or null where there is none to read (a browser worker). */
export function cpuNow(): number | null {
  const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (!p?.cpuUsage) return null;
  const u = p.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Starts a block's clocks; `stop(steps)` gives the time per step. */
export function startClocks(): (steps: number) => BlockTime {
  const wall0 = performance.now();
  const cpu0 = cpuNow();
  return (steps) => {
    const cpu1 = cpuNow();
    return { wall: (performance.now() - wall0) / steps, cpu: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / steps };
  };
}

/**
 * Something that can be timed block by block, e.g. 10 training steps: `runBlock` runs one block
 * and resolves with its time per step.
 */
export interface BlockRunner {
  readonly label: string;
  runBlock(): Promise<BlockTime>;
  close(): Promise<void>;
}

export type Clock = 'wall' | 'cpu';

export interface InterleavedResult {
  /** runner label → wall ms per step of each timed block (warm-up blocks excluded) */
  samples: Record<string, number[]>;
  /** the same in process CPU ms per step (empty where there is no CPU clock) */
  cpuSamples: Record<string, number[]>;
  /** runner label → median wall ms per step */
  medianMs: Record<string, number>;
  /** runner label → median CPU ms per step (NaN where there is no CPU clock) */
  medianCpuMs: Record<string, number>;
  /** per round, runner label → time per step; ratios are best taken within a round (same load) */
  rounds: Record<string, BlockTime>[];
}

/**
 * Runs the runners in interleaved rounds (A B C A B C …, the order rotating every round so no
 * runner always follows the same one): `warmup` untimed rounds, then `rounds` timed ones.
 */
export async function interleave(runners: readonly BlockRunner[], opts: { warmup: number; rounds: number; onRound?: (r: number, values: Record<string, BlockTime>) => void }): Promise<InterleavedResult> {
  const samples: Record<string, number[]> = Object.fromEntries(runners.map((r) => [r.label, []]));
  const cpuSamples: Record<string, number[]> = Object.fromEntries(runners.map((r) => [r.label, []]));
  const rounds: Record<string, BlockTime>[] = [];
  for (let r = 0; r < opts.warmup + opts.rounds; r++) {
    const values: Record<string, BlockTime> = {};
    const shift = r % runners.length;
    const order = [...runners.slice(shift), ...runners.slice(0, shift)];
    for (const runner of order) values[runner.label] = await runner.runBlock();
    if (r >= opts.warmup) {
      rounds.push(values);
      for (const [k, v] of Object.entries(values)) {
        samples[k].push(v.wall);
        if (v.cpu !== null) cpuSamples[k].push(v.cpu);
      }
    }
    opts.onRound?.(r - opts.warmup, values);
  }
  return {
    samples, cpuSamples, rounds,
    medianMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])),
    medianCpuMs: Object.fromEntries(Object.entries(cpuSamples).map(([k, v]) => [k, median(v)])),
  };
}

/** Ratio of a to b: the median over rounds of the per-round ratio (load drifts cancel within a round). */
export function pairedRatio(result: InterleavedResult, a: string, b: string, clock: Clock = 'wall'): number {
  return median(result.rounds.map((r) => (clock === 'cpu' ? (r[a].cpu ?? Number.NaN) / (r[b].cpu ?? Number.NaN) : r[a].wall / r[b].wall)));
}
