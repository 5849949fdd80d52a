/**
 * The benchmark runs, as plans of jobs: DomainBed's ERM protocol (MNIST_CNN from scratch, random
 * hyper-parameter samples, 3 trials, leave-one-domain-out over every test domain) at a reduced
 * budget, the budget points that show how accuracy moves with the budget, and our pretrained
 * models fine-tuned on the same splits. Each job is one engine run (RunConfig) plus the labels the
 * selection and the report group by.
 */
import { DEFAULT_CONFIG, METHOD_LR } from '../../src/engine/config/defaults';
import type { MethodKind, RunConfig } from '../../src/engine/config/schema';
import { BENCHMARKS, benchmarkTrainImages, type BenchmarkId } from '../../src/engine/data/targets';
import { withPath } from '../../src/engine/config/paths';
import { allSpecs, baseSpec, modifierSpec } from '../../src/engine/methods/specs';
import { ermHparams } from './hparams';
import { mnistCnnId } from './mnistCnnSource';

/** A reduced ERM budget; DomainBed's is { steps: 5000, batch 64 per domain, width 64 }. */
export interface Budget {
  name: string;
  steps: number;
  /** cap on the sampled batch size per training domain */
  maxBatch: number;
  /** MNIST_CNN width (first convolution's channels) */
  width: number;
  /** steps between checkpoints (DomainBed: 100) */
  evalEvery: number;
}

export const BUDGETS: Record<string, Budget> = {
  small: { name: 'small', steps: 300, maxBatch: 8, width: 16, evalEvery: 50 },
  medium: { name: 'medium', steps: 1200, maxBatch: 8, width: 16, evalEvery: 100 },
};

export interface Job {
  plan: string;
  benchmark: BenchmarkId;
  testDomain: number;
  trial: number;
  /** 'ERM' for MNIST_CNN from scratch, else a method of ours on a pretrained model ('FT', 'LP', …) */
  algorithm: string;
  /** DomainBed hparams sample (0 = defaults); 0 for our methods */
  hparamSample: number;
  budget: string;
  config: RunConfig;
}

export const TRIALS = [0, 1, 2];

/** Every run sees all of its images: the training domains' 'in' parts, and all 'out' and held-out images. */
function baseConfig(benchmark: BenchmarkId, testDomain: number, trial: number): RunConfig {
  return {
    ...DEFAULT_CONFIG,
    dataset: benchmark,
    testDomain,
    trainSize: benchmarkTrainImages(benchmark, testDomain),
    evalSize: 3000,
    probeSize: 16,
    shifts: [],
    seed: trial,
  };
}

export function ermJob(plan: string, benchmark: BenchmarkId, testDomain: number, trial: number, sample: number, budget: Budget): Job {
  const info = BENCHMARKS[benchmark];
  const hp = ermHparams(sample, trial, budget.maxBatch);
  const trainingDomains = info.domains.length - 1;
  return {
    plan, benchmark, testDomain, trial, algorithm: 'ERM', hparamSample: sample, budget: budget.name,
    config: {
      ...baseConfig(benchmark, testDomain, trial),
      model: mnistCnnId(budget.width, info.inputChannels),
      method: { ...DEFAULT_CONFIG.method, kind: 'ft' },
      optimizer: 'adam',
      lr: hp.lr,
      schedule: 'constant',
      batchSize: hp.batchPerDomain * trainingDomains,
      duration: { unit: 'steps', value: budget.steps },
      evalEvery: budget.evalEvery,
    },
  };
}

/**
 * Our methods on a pretrained model, at the playground's defaults for each (no sweep): the results
 * matrix's rows a spec marks `benchmark`, named as runs are ("LP-FT", "FT+L2-SP").
 */
export interface BenchmarkMethod { label: string; method: RunConfig['method']; lr: number }

export function benchmarkMethods(): BenchmarkMethod[] {
  return allSpecs().flatMap((s) => s.matrix ?? []).filter((m) => m.benchmark).sort((x, y) => x.row - y.row).map((m) => {
    let method: RunConfig['method'] = { ...DEFAULT_CONFIG.method, kind: m.kind as MethodKind };
    for (const id of m.modifiers) method = withPath(method, `${id}.enabled`, true);
    const label = [baseSpec(m.kind)!.short, ...m.modifiers.map((id) => modifierSpec(id)!.short)].join('+');
    return { label, method, lr: METHOD_LR[m.kind as MethodKind] };
  });
}

export function benchmarkMethod(label: string): BenchmarkMethod {
  const found = benchmarkMethods().find((m) => m.label === label);
  if (!found) throw new Error(`unknown method ${label} (known: ${benchmarkMethods().map((m) => m.label).join(', ')})`);
  return found;
}

export interface MethodBudget { name: string; steps: number; batchSize: number; evalEvery: number }

export const METHOD_BUDGET: MethodBudget = { name: 'methods', steps: 300, batchSize: 30, evalEvery: 50 };

export function methodJob(plan: string, model: string, benchmark: BenchmarkId, testDomain: number, trial: number, label: string, budget = METHOD_BUDGET): Job {
  const setup = benchmarkMethod(label);
  return {
    plan, benchmark, testDomain, trial, algorithm: `${label} (${model})`, hparamSample: 0, budget: budget.name,
    config: {
      ...baseConfig(benchmark, testDomain, trial),
      model,
      method: setup.method,
      optimizer: 'adam',
      lr: setup.lr,
      schedule: 'cosine',
      batchSize: budget.batchSize,
      duration: { unit: 'steps', value: budget.steps },
      evalEvery: budget.evalEvery,
    },
  };
}

const domainsOf = (b: BenchmarkId) => BENCHMARKS[b].domains.map((_, d) => d);

export function makeJobs(plan: string, opts: { hparamSamples: number; budget: string; model: string; methods: string[]; domains?: number[]; trials?: number[] }): Job[] {
  const [kind, short] = plan.split('-') as ['erm' | 'methods', string];
  const benchmark: BenchmarkId = short === 'cmnist' ? 'colored-mnist' : 'rotated-mnist';
  const domains = opts.domains ?? domainsOf(benchmark);
  const jobs: Job[] = [];
  for (const trial of opts.trials ?? TRIALS) {
    for (const d of domains) {
      if (kind === 'erm') {
        for (let h = 0; h < opts.hparamSamples; h++) jobs.push(ermJob(plan, benchmark, d, trial, h, BUDGETS[opts.budget]));
      } else {
        for (const label of opts.methods) jobs.push(methodJob(plan, opts.model, benchmark, d, trial, label));
      }
    }
  }
  return jobs;
}
