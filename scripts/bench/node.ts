/**
 * The Node part of the bench: the engine alone on TF.js's wasm backend (the headless runner's
 * backend, with the project's conv-gradient kernels), in this process.
 */
import * as tf from '@tensorflow/tfjs';
import { publicDirReader } from '../node/fileAssets';
import { useNodeBackend } from '../node/tfNode';
import { asideFits, startEvalThread } from '../node/evalAside';
import { evalShareJob, kernelJob, leakJob, memoryJob, ratioJob, speedJob, type EvalShareResult, type JobEnv, type KernelResult, type LeakResult, type MemoryResult, type RatioResult, type SpeedResult } from './lib/jobs';
import { LEAK_VARIANTS, nodeSizes, RATIO_VARIANTS, type Profile } from './suites';

export interface NodeResults {
  backend: string;
  ratios: RatioResult;
  speed: SpeedResult[];
  evalShare: EvalShareResult;
  leaks: LeakResult[];
  memory: MemoryResult;
  kernels: KernelResult[];
  seconds: Record<string, number>;
}

export type NodePart = 'ratios' | 'speed' | 'evalShare' | 'leaks' | 'memory' | 'kernels';

export async function runNodeSuite(opts: { profile: Profile; log?: (m: string) => void; parts?: NodePart[] }): Promise<Partial<NodeResults> & { backend: string; seconds: Record<string, number> }> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const backend = await useNodeBackend('wasm');
  const env: JobEnv = {
    reader: publicDirReader(), yieldNow: () => new Promise((r) => setImmediate(r)), log,
    // as the headless runner does (scripts/experiment/runOne.ts): beside training where the cores allow it
    evalAside: (config) => (asideFits(1) ? startEvalThread(config, 'wasm') : undefined),
  };
  const sizes = nodeSizes(opts.profile);
  const want = (p: NodePart) => !opts.parts || opts.parts.includes(p);
  const out: Partial<NodeResults> & { backend: string; seconds: Record<string, number> } = { backend, seconds: {} };
  const timed = async <T>(name: NodePart, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    log(`node/${backend}: ${name}`);
    try { return await f(); } finally { out.seconds[name] = Math.round((performance.now() - t0) / 100) / 10; }
  };
  const before = tf.memory().numTensors;
  if (want('ratios')) out.ratios = await timed('ratios', () => ratioJob({ kind: 'ratios', ...sizes.ratios, variants: RATIO_VARIANTS, bare: true }, env));
  if (want('speed')) out.speed = await timed('speed', () => speedJob({ kind: 'speed', ...sizes.speed }, env));
  if (want('evalShare')) out.evalShare = await timed('evalShare', () => evalShareJob({ kind: 'evalShare', config: sizes.evalShare }, env));
  if (want('leaks')) out.leaks = await timed('leaks', () => leakJob({ kind: 'leaks', config: sizes.leaks.config, variants: LEAK_VARIANTS, at: sizes.leaks.at }, env));
  if (want('kernels')) out.kernels = await timed('kernels', () => kernelJob({ kind: 'kernels', ...sizes.kernels }, env));
  if (want('memory')) out.memory = await timed('memory', () => memoryJob({ kind: 'memory', config: sizes.memory.config, runs: sizes.memory.runs }, env));
  const left = tf.memory().numTensors - before;
  if (left !== 0) log(`node: ${left} tensors left over after the suite`);
  return out;
}
