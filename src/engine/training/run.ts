/**
 * One fine-tuning run, start to finish: data and model in, phases of optimisation steps, metrics
 * out as events. Its own step loop (not model.fit): fixed batch shapes, no synchronous readback,
 * losses read back in batches and checked for finiteness on the CPU, each step tidied so the
 * tensor count stays flat. Knows nothing of particular methods (methods/), of the worker or of React.
 */
import * as tf from '@tensorflow/tfjs';
import type { AssetReader } from '../assets';
import type { RunConfig } from '../config/schema';
import { stepsOf } from '../config/validate';
import { disposeSet, uploadSet, type DeviceSet } from '../data/deviceData';
import { loadTargetData } from '../data/targetData';
import { evaluate, driftLayerNames, probeFeatures } from '../metrics/evaluate';
import { createMethod } from '../methods/registry';
import { crossEntropy } from '../methods/phases';
import type { Batch, DeviceData, MethodContext, TrainingPhase } from '../methods/types';
import { loadPretrained } from '../models/pretrained';
import { Network, variableOf } from '../models/network';
import { createRng, permutation } from '../rng';
import type { EvalRecord, RunControl, RunEvent, RunSummary } from './events';
import { scheduleFactor } from './schedule';

/** Losses are read back (and checked) every this many steps, and at every evaluation. */
export const LOSS_READBACK_EVERY = 10;

/**
 * A run has diverged when its loss is not finite, or when it exceeds 20·ln(C): a cross-entropy
 * no training run reaches unless its weights have blown up (BatchNorm can keep such a network
 * finite for a long time, so waiting for NaN alone would let a hopeless run go on).
 */
export function divergenceThreshold(numClasses: number): number {
  return 20 * Math.log(numClasses);
}

export interface RunHost {
  reader: AssetReader;
  control: RunControl;
  emit(event: RunEvent): void;
  /** called with the trained network before it is released (export, WiSE-FT, tests) */
  afterTraining?(ctx: MethodContext): Promise<void> | void;
}

/** Seeded batch order: a fresh permutation per epoch; the last partial batch is dropped. */
export class BatchSampler {
  private order: Int32Array = new Int32Array(0);
  private cursor = Infinity;
  private epoch = 0;
  constructor(private readonly count: number, private readonly batchSize: number, private readonly seed: number) {}
  next(): Int32Array {
    if (this.cursor + this.batchSize > this.order.length) {
      this.order = permutation(this.count, createRng(this.seed, `batches:epoch${this.epoch++}`));
      this.cursor = 0;
    }
    const out = this.order.slice(this.cursor, this.cursor + this.batchSize);
    this.cursor += this.batchSize;
    return out;
  }
}

function uploadAll(data: Awaited<ReturnType<typeof loadTargetData>>): DeviceData {
  const up = (s: typeof data.train) => uploadSet(s, data.numClasses);
  return {
    numClasses: data.numClasses,
    train: up(data.train), val: up(data.val), test: up(data.test),
    ood: data.ood.map((o) => ({ shift: o.shift, set: up(o.set) })),
    probeRows: data.probeRows,
  };
}

function disposeDeviceData(d: DeviceData): void {
  const sets: DeviceSet[] = [d.train, d.val, d.test, ...d.ood.map((o) => o.set)];
  sets.forEach(disposeSet);
}

export async function runTraining(config: RunConfig, host: RunHost): Promise<RunSummary> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const status = (s: Extract<RunEvent, { type: 'status' }>['status'], message: string) =>
    host.emit({ type: 'status', status: s, message });

  status('loading', `loading ${config.dataset} and building ${config.shifts.length} shifted test sets`);
  const cpuData = await loadTargetData(host.reader, {
    dataset: config.dataset, trainSize: config.trainSize, evalSize: config.evalSize, probeSize: config.probeSize,
    shifts: config.shifts, severity: config.severity, shiftSeed: config.seed,
  });
  const data = uploadAll(cpuData);
  status('loading', `loading model ${config.model}`);
  const { model, card } = await loadPretrained(host.reader, config.model);
  const method = createMethod(config.method);
  const net = new Network(model, card.anatomy, {
    numClasses: data.numClasses, headInit: method.headInit ?? 'glorot', seed: config.seed,
  });

  const pretrainedFeatures = probeFeatures(net, data);
  const initialWeights = new Map<string, tf.Tensor>();
  const ctx: MethodContext = {
    config, net, data, mainSteps: stepsOf(config), initialWeights, pretrainedFeatures,
    report: (message) => status('preparing', message),
  };
  let evalMs = 0;
  let stepsDone = 0;
  let summary: RunSummary | undefined;
  const pendingLosses: tf.Scalar[] = [];
  let phases: TrainingPhase[] = [];
  try {
    status('preparing', `preparing ${config.method.kind}`);
    await method.prepare?.(ctx);
    for (const w of net.allWeights()) initialWeights.set(variableOf(w).name, tf.keep(w.read().clone()));
    phases = method.phases(ctx);
    const totalSteps = phases.reduce((n, p) => n + p.steps, 0);
    let first = 1;
    host.emit({
      type: 'info',
      info: {
        backend: tf.getBackend(), totalSteps,
        phases: phases.map((p) => { const out = { name: p.name, steps: p.steps, firstStep: first }; first += p.steps; return out; }),
        classNames: cpuData.classNames, shifts: config.shifts, driftLayers: driftLayerNames(ctx),
        parameters: { total: net.view.countParams(), trainable: phases[phases.length - 1].groups.reduce((n, g) => n + g.vars.reduce((m, v) => m + v.size, 0), 0) },
        trainImages: data.train.count, evalImages: data.test.count,
        methodFacts: method.facts?.() ?? {},
      },
    });

    const evals: EvalRecord[] = [];
    const runEval = async (step: number, phase: string) => {
      status('evaluating', `evaluating at step ${step}`);
      const record = await evaluate(ctx, method, step, phase, elapsed());
      evalMs += record.evalMs;
      evals.push(record);
      host.emit({ type: 'eval', record });
      return record;
    };
    await runEval(0, phases[0].name);

    const sampler = new BatchSampler(data.train.count, config.batchSize, config.seed);
    let step = 0;
    let divergedAt: number | undefined;
    let divergedLoss = Number.NaN;
    const ceiling = divergenceThreshold(data.numClasses);
    let stopped = false;
    let lastFlush = { time: performance.now(), step: 0 };
    let trainMsSinceStart = 0;
    let stepsTimed = 0;

    const flushLosses = async (phase: string, lr: number) => {
      if (pendingLosses.length === 0) return;
      const stacked = tf.stack(pendingLosses);
      const values = Array.from(await stacked.data());
      stacked.dispose();
      pendingLosses.forEach((t) => t.dispose());
      pendingLosses.length = 0;
      const firstStep = step - values.length + 1;
      const bad = values.findIndex((v) => !Number.isFinite(v) || v > ceiling);
      if (bad >= 0 && divergedAt === undefined) { divergedAt = firstStep + bad; divergedLoss = values[bad]; }
      const now = performance.now();
      trainMsSinceStart += now - lastFlush.time;
      stepsTimed += step - lastFlush.step;
      lastFlush = { time: now, step };
      const stepsPerSec = stepsTimed / Math.max(trainMsSinceStart / 1000, 1e-9);
      host.emit({
        type: 'steps', firstStep, losses: values.map((v) => (Number.isFinite(v) ? v : Number.NaN)), phase, lr,
        stepsPerSec, etaSec: (totalSteps - step) / Math.max(stepsPerSec, 1e-9), elapsedSec: elapsed(),
      });
    };

    phases: for (const phase of phases) {
      net.setBatchNormModes(phase.batchNorm);
      const vars = phase.groups.flatMap((g) => g.vars);
      let lr = 0;
      for (let i = 0; i < phase.steps; i++) {
        if (step === 0) status('compiling', 'first step: compiling kernels');
        const factor = scheduleFactor(phase.schedule, i, phase.steps);
        lr = phase.groups[0]?.lr * factor;
        const indices = sampler.next();
        step++;
        pendingLosses.push(trainStep(phase, vars, indices, data, factor, step));
        const atEval = step % config.evalEvery === 0 || i === phase.steps - 1;
        if (pendingLosses.length >= LOSS_READBACK_EVERY || atEval || step === 1) {
          await flushLosses(phase.name, lr);
          if (divergedAt !== undefined) break phases;
          // the first readback ends the first step, which compiled the kernels
          if (step === 1) status('training', `training ${phase.name}`);
        }
        if (atEval) {
          const evalStart = performance.now();
          await runEval(step, phase.name);
          lastFlush.time += performance.now() - evalStart; // evaluation time is not training time
          status('training', `training ${phase.name}`);
        }
        stepsDone = step;
        if (await host.control.checkpoint()) { stopped = true; break phases; }
      }
    }
    await flushLosses(phases[phases.length - 1].name, 0);
    stepsDone = step;
    const last = evals[evals.length - 1] ?? null;
    const bestVal = evals.slice(1).reduce<EvalRecord | null>((best, e) => (!best || e.valAcc > best.valAcc ? e : best), null) ?? last;
    const seconds = elapsed();
    summary = {
      status: divergedAt !== undefined ? 'diverged' : stopped ? 'stopped' : 'completed',
      divergedAtStep: divergedAt,
      stepsDone, totalSteps, seconds,
      stepsPerSec: stepsTimed / Math.max(trainMsSinceStart / 1000, 1e-9),
      evalShare: evalMs / 1000 / Math.max(seconds, 1e-9),
      last, bestVal, backend: tf.getBackend(), config,
    };
    if (summary.status === 'diverged') {
      const why = Number.isFinite(divergedLoss) ? `the loss reached ${divergedLoss.toPrecision(3)} (> ${ceiling.toFixed(0)})` : 'the loss is not finite';
      status('diverged', `diverged at step ${divergedAt}: ${why}; try a smaller learning rate`);
    }
    else status(summary.status, summary.status === 'stopped' ? `stopped at step ${stepsDone}` : `completed ${stepsDone} steps`);
    await host.afterTraining?.(ctx);
    host.emit({ type: 'done', summary });
    return summary;
  } finally {
    pendingLosses.forEach((t) => t.dispose());
    for (const p of phases) p.groups.forEach((g) => g.optimizer.dispose());
    method.dispose?.();
    for (const t of initialWeights.values()) t.dispose();
    pretrainedFeatures.id.dispose();
    pretrainedFeatures.ood.dispose();
    net.dispose();
    disposeDeviceData(data);
  }
}

/** One optimisation step, fully tidied; returns the loss scalar (still on the device). */
function trainStep(
  phase: TrainingPhase, vars: tf.Variable[], indices: Int32Array, data: DeviceData, lrFactor: number, step: number,
): tf.Scalar {
  return tf.tidy(() => {
    const idx = tf.tensor1d(indices, 'int32');
    let x: tf.Tensor4D | undefined;
    let y: tf.Tensor2D | undefined;
    const batch: Batch = {
      indices: idx,
      x: () => (x ??= tf.gather(data.train.x, idx)),
      yOneHot: () => (y ??= tf.gather(data.train.yOneHot, idx)),
    };
    const { value, grads } = tf.variableGrads(() => {
      const out = phase.forward(batch);
      let loss: tf.Scalar = crossEntropy(out.logits, batch.yOneHot());
      for (const term of phase.lossTerms) loss = tf.add(loss, term.compute(out, batch));
      return loss;
    }, vars);
    for (const g of phase.groups) g.optimizer.apply(g.vars, grads, g.lr * lrFactor);
    phase.afterStep?.(step);
    return value;
  });
}
