/**
 * The benchmark mode: DomainBed's hyper-parameter distribution, its model selection and error
 * bars, old results files keeping their keys, and short real runs of MNIST_CNN from scratch and
 * of a zoo model on the benchmark splits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import type { InsightFrame } from '../../src/engine/metrics/insightTypes';
import type { RunEvent } from '../../src/engine/training/events';
import { runTraining } from '../../src/engine/training/run';
import { publicDirReader } from '../node/fileAssets';
import { useNodeBackend } from '../node/tfNode';
import { configKey } from '../results/records';
import { ermHparams } from './hparams';
import { ermJob, methodJob, BUDGETS } from './plans';
import type { BenchmarkRecord } from './records';
import { runJob } from './run';
import { bestCheckpoint, domainbedMean, resultsByDomain, selectTrial } from './selection';
import { presetById, presetRunConfig } from '../../src/ui/presets/presets';
import { markedBlock, withMarkedBlock, BLOCK_BEGIN, BLOCK_END } from './docsBlock';

beforeAll(async () => { await useNodeBackend('wasm'); });

describe('DomainBed ERM hyper-parameters for MNIST datasets', () => {
  it('sample 0 is the defaults; other samples fall in DomainBed\'s ranges, differ per trial, and are capped by the budget', () => {
    expect(ermHparams(0, 2, 64)).toEqual({ lr: 1e-3, batchPerDomain: 64 });
    expect(ermHparams(0, 2, 8)).toEqual({ lr: 1e-3, batchPerDomain: 8 });
    const samples = Array.from({ length: 200 }, (_, h) => ermHparams(h + 1, 0, 1024));
    for (const s of samples) {
      expect(Math.log10(s.lr)).toBeGreaterThanOrEqual(-4.5);
      expect(Math.log10(s.lr)).toBeLessThan(-2.5);
      expect(s.batchPerDomain).toBeGreaterThanOrEqual(8);
      expect(s.batchPerDomain).toBeLessThanOrEqual(511);
    }
    // log-uniform: about half the learning rates below 10^-3.5
    expect(samples.filter((s) => s.lr < 10 ** -3.5).length).toBeGreaterThan(70);
    expect(samples.filter((s) => s.lr < 10 ** -3.5).length).toBeLessThan(130);
    expect(ermHparams(1, 0, 1024)).not.toEqual(ermHparams(1, 1, 1024));
    expect(ermHparams(5, 1, 16).batchPerDomain).toBeLessThanOrEqual(16);
  });
});

const rec = (trial: number, sample: number, testDomain: number, checkpoints: [number, number][]): BenchmarkRecord => ({
  key: `${trial}-${sample}-${testDomain}`, plan: 'p', benchmark: 'rotated-mnist', testDomain, trial, algorithm: 'ERM', hparamSample: sample,
  budget: 'small', lr: 1e-3, batchSize: 40, status: 'completed', seconds: 1, finishedAt: '', config: DEFAULT_CONFIG,
  checkpoints: checkpoints.map(([valAcc, testAcc], i) => ({ step: 100 * (i + 1), valAcc, testAcc })),
});

describe('training-domain validation (DomainBed\'s IIDAccuracySelectionMethod) and its error bars', () => {
  it('picks the best validation checkpoint in a run, then the run with the best of those; reports its held-out accuracy', () => {
    expect(bestCheckpoint(rec(0, 0, 0, [[0.5, 0.9], [0.7, 0.4], [0.6, 0.99]]).checkpoints)?.testAcc).toBe(0.4);
    const runs = [rec(0, 0, 0, [[0.80, 0.70], [0.85, 0.72]]), rec(0, 1, 0, [[0.90, 0.60], [0.88, 0.95]])];
    expect(selectTrial(runs)?.checkpoint.testAcc).toBe(0.60);
    expect(selectTrial(runs)?.run.hparamSample).toBe(1);
  });

  it('gives one result per trial and domain, and mean ± 100·std(x/√n) as collect_results prints', () => {
    const records = [rec(0, 0, 1, [[0.9, 0.5]]), rec(1, 0, 1, [[0.9, 0.6]]), rec(2, 0, 1, [[0.9, 0.7]]), rec(0, 0, 0, [[0.9, 0.8]])];
    const { perDomain } = resultsByDomain(records, 2);
    expect(perDomain).toEqual([[0.8], [0.5, 0.6, 0.7]]);
    const cell = domainbedMean(perDomain[1]);
    expect(cell.mean).toBeCloseTo(60, 10);
    // numpy: np.std([0.5, 0.6, 0.7] / sqrt(3)) · 100 = 4.714…
    expect(cell.err).toBeCloseTo(4.7140452, 5);
  });

  it('leaves the keys of results recorded before testDomain existed unchanged', () => {
    const { testDomain: _d, ...older } = DEFAULT_CONFIG;
    expect(configKey(DEFAULT_CONFIG)).toBe(configKey(older as typeof DEFAULT_CONFIG));
    expect(configKey({ ...DEFAULT_CONFIG, dataset: 'rotated-mnist', testDomain: 1 })).not.toBe(configKey({ ...DEFAULT_CONFIG, dataset: 'rotated-mnist', testDomain: 2 }));
  });
});

describe('the ColoredMNIST scenario and the docs section', () => {
  it('the preset\'s runs are exactly the measured runs (trial 0 of methods-cmnist, −90 % held out)', () => {
    const preset = presetById('colour-shortcut')!;
    const labels = ['FT', 'LP', 'LP-FT', 'DAFT', 'FT+SPD'];
    labels.forEach((label, i) => expect(presetRunConfig(preset, i, 'full')).toEqual(methodJob('methods-cmnist', 'resnet-broad', 'colored-mnist', 2, 0, label).config));
  });

  it('replaces only the marked section, or appends it', () => {
    const block = `${BLOCK_BEGIN}\nnew\n${BLOCK_END}`;
    const doc = `# Results\n\nmatrix\n\n${BLOCK_BEGIN}\nold $& text\n${BLOCK_END}\n\ntail\n`;
    expect(withMarkedBlock(doc, block)).toBe(`# Results\n\nmatrix\n\n${block}\n\ntail\n`);
    expect(withMarkedBlock('# Results\n', block)).toBe(`# Results\n\n${block}\n`);
    expect(markedBlock(doc)).toContain('old $& text');
    expect(markedBlock('# nothing')).toBeUndefined();
  });
});

describe('real benchmark runs', () => {
  it('ERM trains DomainBed\'s MNIST_CNN from scratch with domain-balanced batches and checkpoints the held-out domain', async () => {
    const job = ermJob('erm-rmnist', 'rotated-mnist', 5, 0, 0, { ...BUDGETS.small, steps: 4, evalEvery: 2, width: 8 });
    job.config = { ...job.config, evalSize: 200 };
    expect(job.config.batchSize).toBe(40);
    expect(job.config.model).toBe('domainbed-mnist-cnn-w8-c1');
    const record = await runJob(job);
    expect(record.status).toBe('completed');
    expect(record.checkpoints.map((c) => c.step)).toEqual([2, 4]);
    for (const c of record.checkpoints) {
      expect(c.testAcc).toBeGreaterThanOrEqual(0);
      expect(c.testAcc).toBeLessThanOrEqual(1);
      // 200 held-out images: accuracies are multiples of 1/200
      expect(Math.abs(c.testAcc * 200 - Math.round(c.testAcc * 200))).toBeLessThan(1e-3);
    }
  }, 120_000);

  it('a zoo model fine-tunes on ColoredMNIST: the held-out domain is an OOD set beside a synthetic shift, in the metrics and See inside', async () => {
    const job = methodJob('methods-cmnist', 'mlp-broad', 'colored-mnist', 2, 0, 'FT');
    const config = { ...job.config, shifts: ['rotation' as const], evalSize: 100, probeSize: 20, duration: { unit: 'steps' as const, value: 3 }, evalEvery: 3 };
    const events: RunEvent[] = [];
    const summary = await runTraining(config, { reader: publicDirReader(), control: { checkpoint: async () => false }, emit: (e) => events.push(e) });
    const last = summary.last!;
    expect(Object.keys(last.ood)).toEqual(['domain:-90%', 'rotation']);
    expect(last.oodMean).toBeCloseTo((last.ood['domain:-90%']! + last.ood.rotation!) / 2, 6);
    const frame = events.find((e): e is { type: 'insight-frame'; frame: InsightFrame } => e.type === 'insight-frame')!.frame;
    expect(frame.domains).toEqual(['id', 'domain:-90%', 'rotation']);
    expect(frame.numClasses).toBe(2);
    const info = events.find((e) => e.type === 'info');
    expect(info && info.type === 'info' && info.info.trainImages).toBe(3200);
  }, 120_000);
});
