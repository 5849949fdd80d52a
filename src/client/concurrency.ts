/**
 * How many runs train at once by default, from the hardware and the backend: on the CPU backends
 * (wasm, cpu) as many as the cores hold at the threads each run takes; on WebGPU two (one GPU: a
 * second run fills it while the first one's step is being sent); on WebGL one (two workers' GL
 * contexts fight over one GPU). Few memory → at most two. The user may set another number.
 */
import { ASIDE_BACKENDS, coresHoldEvaluationAside, type BackendReport } from '../protocol/messages';

export const MAX_PARALLEL_RUNS = 4;

export interface Hardware {
  /** navigator.hardwareConcurrency */
  cores: number;
  /** navigator.deviceMemory (GB), where the browser tells */
  memoryGb?: number;
}

export function autoParallelRuns(report: BackendReport, hw: Hardware): { runs: number; reason: string } {
  const cores = Math.max(1, hw.cores || 1);
  let runs: number;
  let why: string;
  switch (report.backend) {
    case 'wasm': {
      const threads = Math.max(1, report.wasm?.threads ?? 1);
      runs = Math.floor(cores / threads);
      why = `${cores} cores, wasm on ${threads} thread${threads === 1 ? '' : 's'} per run`;
      break;
    }
    case 'cpu':
      runs = cores;
      why = `${cores} cores, one per run on the cpu backend`;
      break;
    case 'webgpu':
      runs = 2;
      why = 'one GPU: a second run keeps it busy while the first one sends its step';
      break;
    case 'webgl':
      runs = 1;
      why = 'WebGL: two workers’ contexts would compete for one GPU';
      break;
  }
  runs = Math.min(MAX_PARALLEL_RUNS, Math.max(1, runs));
  if (hw.memoryGb !== undefined && hw.memoryGb < 4 && runs > 2) {
    runs = 2;
    why += `; ${hw.memoryGb} GB of memory`;
  }
  return { runs, reason: `${runs} run${runs === 1 ? '' : 's'} at once: ${why}` };
}

/** What this browser says of its hardware. */
export function browserHardware(): Hardware {
  const nav = globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined;
  return { cores: nav?.hardwareConcurrency ?? 1, ...(nav?.deviceMemory ? { memoryGb: nav.deviceMemory } : {}) };
}

/**
 * Whether a run evaluates beside training, in a second worker of its own: on the CPU backends
 * (wasm, cpu), when the cores hold every run training at once twice over at the threads each takes
 * (its training and its evaluation). On a GPU the two would queue on the one device; where the
 * cores are taken, the evaluation worker would only slow the training workers down.
 */
export function evaluationAside(report: BackendReport, hw: Hardware, runsAtOnce: number): boolean {
  if (!ASIDE_BACKENDS.includes(report.backend)) return false;
  return coresHoldEvaluationAside(runsAtOnce, report.backend === 'wasm' ? report.wasm?.threads ?? 1 : 1, hw.cores);
}
