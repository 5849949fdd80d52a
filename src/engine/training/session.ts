/**
 * One fine-tuning run as a session: `open` loads data and model and prepares the method, `train`
 * runs its phases, and the trained network stays available (WiSE-FT, export) until `dispose`.
 * Its own step loop (not model.fit): fixed batch shapes, no synchronous readback, losses read back
 * in batches and checked on the CPU, each step tidied so the tensor count stays flat. Knows nothing
 * of particular methods (methods/), of the worker or of React.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config/schema';
import { stepsOf } from '../config/validate';
import {
  driftLayerNames, evalRecordOf, evaluateWithInsight, forwardPart, forwardScalarCount, probeFeatures, runForwardInputs, statePart,
  type EvalAt,
} from '../metrics/evaluate';
import { InsightProbe } from '../metrics/insight';
import type { InsightRecord } from '../metrics/insightTypes';
import { crossEntropy } from '../methods/phases';
import { createMethod } from '../methods/registry';
import type { Batch, DeviceData, FineTuningMethod, MethodContext, TrainingPhase } from '../methods/types';
import { variableOf } from '../models/network';
import { serialiseLayersModel } from '../models/modelFiles';
import { holdConstants } from '../ops/constants';
import type { EvalRecord, RunControl, RunEvent, RunInfo, RunSummary } from './events';
import { BatchSampler } from './batchSampler';
import { DomainBalancedSampler } from './domainSampler';
import { snapshotWeights, withWeights, type EvalAside, type WeightSnapshot } from './evalReplica';
import { disposeDeviceData, loadDeviceData, loadNetwork, type PartsHost } from './runParts';
import { scheduleFactor } from './schedule';
import { wiseFtCurve, type WiseFtPoint } from './wiseFt';

export type { ModelSource } from './runParts';

/** Losses are read back (and checked) every this many steps, and at every evaluation. */
export const LOSS_READBACK_EVERY = 10;

export { BatchSampler } from './batchSampler';

/**
 * A run has diverged when its loss is not finite, or when it exceeds 20·ln(C): a cross-entropy
 * no training run reaches unless its weights have blown up (BatchNorm can keep such a network
 * finite for a long time, so waiting for NaN alone would let a hopeless run go on).
 */
export function divergenceThreshold(numClasses: number): number {
  return 20 * Math.log(numClasses);
}

export interface RunHost extends PartsHost {
  control: RunControl;
  emit(event: RunEvent): void;
  /**
   * A replica of the run's network in another worker that evaluates beside training (evalReplica.ts):
   * the run sends it the weights at each evaluation and trains on. Absent: evaluation holds training.
   */
  evalAside?: EvalAside;
}

type StatusKind = Extract<RunEvent, { type: 'status' }>['status'];

/** An evaluation handed to the replica: where it was taken, the run's weights and its state part then. */
interface BesideJob { at: EvalAt; weights: WeightSnapshot; stateValues: Float32Array; diagnosticNames: string[]; stateMs: number }

export class TrainingSession {
  private readonly started = performance.now();
  private phases: TrainingPhase[] = [];
  private readonly evals: EvalRecord[] = [];
  private evalMs = 0;
  private trained = false;
  private disposed = false;
  /** serialises work on the network (training steps vs WiSE-FT while paused) */
  private busy: Promise<unknown> = Promise.resolve();
  /** the fused ops' scalar constants stay alive while this session lives */
  private readonly releaseConstants = holdConstants();

  private constructor(
    readonly config: RunConfig,
    private readonly host: RunHost,
    readonly ctx: MethodContext,
    private readonly method: FineTuningMethod,
    readonly classNames: readonly string[],
    /** symmetric noise on the training labels: the rate asked for and how many labels were flipped */
    private readonly labelNoise: { rate: number; flipped: number },
    /** See inside: the PCA frame fitted on the pretrained probe features, grid rows, confusion */
    private readonly insight: InsightProbe,
  ) {}

  static async open(config: RunConfig, host: RunHost): Promise<TrainingSession> {
    const status = (s: StatusKind, message: string) => host.emit({ type: 'status', status: s, message });
    status('loading', `loading ${config.dataset} and building ${config.shifts.length} shifted test sets`);
    const { cpuData, data } = await loadDeviceData(config, host);
    let net: MethodContext['net'] | undefined;
    let method: FineTuningMethod | undefined;
    let insight: InsightProbe | undefined;
    let session: TrainingSession | undefined;
    try {
      status('loading', `loading model ${config.model}`);
      method = await createMethod(config.method);
      net = await loadNetwork(config, host, data, method.headInit ?? 'glorot');
      const ctx: MethodContext = {
        config, net, data, mainSteps: stepsOf(config), initialWeights: new Map(),
        pretrainedFeatures: probeFeatures(net, data),
        report: (message) => status('preparing', message),
      };
      insight = await InsightProbe.create(ctx.pretrainedFeatures, data);
      session = new TrainingSession(config, host, ctx, method, cpuData.classNames, cpuData.labelNoise, insight);
      // a method that predicts with more than the network (LEVI) evaluates here: the replica has only the network
      if (host.evalAside && !method.inference) session.aside = host.evalAside;
      else host.evalAside?.close();
      status('preparing', `preparing ${config.method.kind}`);
      await method.prepare?.(ctx);
      for (const w of net.allWeights()) ctx.initialWeights.set(variableOf(w).name, tf.keep(w.read().clone()));
      session.phases = method.phases(ctx);
      return session;
    } catch (e) {
      host.evalAside?.close();
      session?.releaseConstants();
      insight?.dispose();
      method?.dispose?.();
      net?.dispose();
      disposeDeviceData(data);
      throw e;
    }
  }

  /** The method's phases, in order (tests check what each one trains against the page's diagram). */
  get trainingPhases(): readonly TrainingPhase[] {
    return this.phases;
  }

  private elapsed(): number {
    return (performance.now() - this.started) / 1000;
  }

  private status(s: StatusKind, message: string): void {
    this.host.emit({ type: 'status', status: s, message });
  }

  get info(): RunInfo {
    const { ctx, phases } = this;
    let first = 1;
    return {
      backend: tf.getBackend(),
      totalSteps: phases.reduce((n, p) => n + p.steps, 0),
      phases: phases.map((p) => { const out = { name: p.name, steps: p.steps, firstStep: first }; first += p.steps; return out; }),
      classNames: [...this.classNames], shifts: this.config.shifts, driftLayers: driftLayerNames(ctx),
      parameters: {
        total: ctx.net.view.countParams(),
        trainable: phases[phases.length - 1].groups.reduce((n, g) => n + g.vars.reduce((m, v) => m + v.size, 0), 0),
      },
      trainImages: ctx.data.train.count, evalImages: ctx.data.test.count,
      labelNoise: this.labelNoise,
      methodFacts: this.method.facts?.() ?? {},
      evalAside: this.aside !== undefined,
    };
  }

  /** Evaluation beside training, while the replica works; cleared (evaluation here) if it fails. */
  private aside: EvalAside | undefined;
  /** the evaluation beside training not yet reported (at most one: the next one waits for it) */
  private pendingEval: Promise<void> = Promise.resolve();
  /** a snapshot the replica failed to evaluate, evaluated here at the loop's next evaluation or end */
  private lostJob: BesideJob | null = null;
  /** time training was held by evaluation (here: all of it; beside: snapshots and waits) */
  private evalHeldMs = 0;

  private recordEval(record: EvalRecord, insight: InsightRecord | undefined): void {
    this.evalMs += record.evalMs;
    this.evals.push(record);
    this.host.emit({ type: 'eval', record });
    if (insight) this.host.emit({ type: 'insight', insight });
  }

  /** Evaluates now (here), or hands the forward part to the replica and returns once the weights are copied. */
  private async runEval(step: number, phase: string): Promise<void> {
    const held = performance.now();
    try {
      // the first evaluation is here: nothing trains yet, and it is on screen sooner than the replica is ready
      if (this.aside && step > 0) {
        await this.evalBeside({ step, phase, elapsedSec: this.elapsed() });
        return;
      }
      await this.settleBeside(); // records stay in step order
      this.status('evaluating', `evaluating at step ${step}`);
      const { record, insight } = await evaluateWithInsight(this.ctx, this.method, step, phase, this.elapsed(), this.insight);
      this.recordEval(record, insight);
    } finally {
      this.evalHeldMs += performance.now() - held;
    }
  }

  private async evalBeside(at: EvalAt): Promise<void> {
    const { ctx, method } = this;
    const t0 = performance.now();
    const state = statePart(ctx, method);
    const [stateValues, weights] = await Promise.all([state.values.data() as Promise<Float32Array>, snapshotWeights(ctx.net)]);
    state.values.dispose();
    const job: BesideJob = { at, weights, stateValues, diagnosticNames: state.diagnosticNames, stateMs: performance.now() - t0 };
    await this.settleBeside(); // one evaluation beside training at a time: training waits when evaluation falls behind
    const aside = this.aside;
    if (!aside) { await this.forwardHere(job); return; }
    this.pendingEval = aside.forward(weights).then(
      ({ values, ms }) => this.reportBeside(job, values, ms),
      (e: unknown) => {
        // this snapshot and every later evaluation are the run's own (settleBeside, in the loop)
        if (this.aside === aside) {
          this.aside = undefined;
          aside.close();
          this.status('training', `evaluation beside training stopped (${e instanceof Error ? e.message : String(e)}); evaluating here from now on`);
        }
        this.lostJob = job;
      },
    );
    this.pendingEval.catch(() => undefined); // a failure to report is thrown where the loop settles it
  }

  private reportBeside(job: BesideJob, values: Float32Array, ms: number): void {
    const forwardCount = forwardScalarCount(this.ctx.data, this.ctx.config.evalTrain);
    const record = evalRecordOf(this.ctx, job.at, values.subarray(0, forwardCount), job.stateValues, job.diagnosticNames, job.stateMs + ms);
    this.recordEval(record, this.insight.decode(values.subarray(forwardCount), job.at.step));
  }

  /**
   * A snapshot's forward part in this session, on its own network with the snapshot's weights set
   * for the while: only from the training loop (which is waiting here, so no step runs on them).
   */
  private async forwardHere(job: BesideJob): Promise<void> {
    const t0 = performance.now();
    const values = await withWeights(this.ctx.net, job.weights, async () => {
      const packed = forwardPart(runForwardInputs(this.ctx, this.method), this.insight);
      try {
        return (await packed.data()) as Float32Array;
      } finally {
        packed.dispose();
      }
    });
    this.reportBeside(job, values, performance.now() - t0);
  }

  /** Waits for the evaluation beside training under way; one the replica lost is evaluated here. */
  private async settleBeside(): Promise<void> {
    await this.pendingEval;
    const lost = this.lostJob;
    this.lostJob = null;
    if (lost) await this.forwardHere(lost);
  }

  /** The loop's end: the last evaluations reported, the time counted as held. */
  private async settleEvals(): Promise<void> {
    const held = performance.now();
    await this.settleBeside();
    this.evalHeldMs += performance.now() - held;
  }

  /** Runs every phase once; the trained network stays in the session. */
  async train(): Promise<RunSummary> {
    if (this.trained) throw new Error('this session has already trained');
    this.trained = true;
    const { config, ctx, phases, host } = this;
    const { data } = ctx;
    const info = this.info;
    host.emit({ type: 'info', info });
    host.emit({ type: 'insight-frame', frame: this.insight.frame });
    const totalSteps = info.totalSteps;
    await this.runEval(0, phases[0].name);

    const sampler = data.trainDomains
      ? new DomainBalancedSampler(data.trainDomains, config.batchSize, config.seed)
      : new BatchSampler(data.train.count, config.batchSize, config.seed);
    const pendingLosses: tf.Scalar[] = [];
    const ceiling = divergenceThreshold(data.numClasses);
    let step = 0;
    let divergedAt: number | undefined;
    let divergedLoss = Number.NaN;
    let stopped = false;
    let lastFlush = { time: performance.now(), step: 0 };
    let trainMs = 0;
    let stepsTimed = 0;
    const stepsPerSec = () => stepsTimed / Math.max(trainMs / 1000, 1e-9);

    const flushLosses = async (phase: string, lr: number) => {
      if (pendingLosses.length === 0) return;
      const stacked = tf.stack(pendingLosses);
      const values = Array.from(await stacked.data());
      stacked.dispose();
      tf.dispose(pendingLosses);
      pendingLosses.length = 0;
      const firstStep = step - values.length + 1;
      const bad = values.findIndex((v) => !Number.isFinite(v) || v > ceiling);
      if (bad >= 0 && divergedAt === undefined) { divergedAt = firstStep + bad; divergedLoss = values[bad]; }
      const now = performance.now();
      trainMs += now - lastFlush.time;
      stepsTimed += step - lastFlush.step;
      lastFlush = { time: now, step };
      host.emit({
        type: 'steps', firstStep, losses: values.map((v) => (Number.isFinite(v) ? v : Number.NaN)), phase, lr,
        stepsPerSec: stepsPerSec(), etaSec: (totalSteps - step) / Math.max(stepsPerSec(), 1e-9), elapsedSec: this.elapsed(),
      });
    };

    try {
      phases: for (const phase of phases) {
        ctx.net.setBatchNormModes(phase.batchNorm);
        const vars = phase.groups.flatMap((g) => g.vars);
        let lr = 0;
        for (let i = 0; i < phase.steps; i++) {
          if (step === 0) this.status('compiling', 'first step: compiling kernels');
          const factor = scheduleFactor(phase.schedule, i, phase.steps);
          lr = (phase.groups[0]?.lr ?? 0) * factor;
          const indices = sampler.next();
          step++;
          pendingLosses.push(trainStep(phase, vars, indices, data, factor, step));
          const atEval = step % config.evalEvery === 0 || i === phase.steps - 1;
          if (pendingLosses.length >= LOSS_READBACK_EVERY || atEval || step === 1) {
            await flushLosses(phase.name, lr);
            if (divergedAt !== undefined) break phases;
            // the first readback ends the first step, which compiled the kernels
            if (step === 1) this.status('training', `training ${phase.name}`);
          }
          if (atEval) {
            const evalStart = performance.now();
            await this.runEval(step, phase.name);
            lastFlush.time += performance.now() - evalStart; // evaluation time is not training time
            this.status('training', `training ${phase.name}`);
          }
          const stop = await host.control.checkpoint();
          await this.busy; // a WiSE-FT evaluation requested while paused finishes first
          if (stop) { stopped = true; break phases; }
        }
      }
      await flushLosses(phases[phases.length - 1].name, 0);
    } finally {
      tf.dispose(pendingLosses);
    }
    await this.settleEvals();
    const evalAside = this.aside !== undefined;
    this.closeAside();
    const evals = this.evals;
    const last = evals[evals.length - 1] ?? null;
    const bestVal = evals.slice(1).reduce<EvalRecord | null>((best, e) => (!best || e.valAcc > best.valAcc ? e : best), null) ?? last;
    const seconds = this.elapsed();
    const summary: RunSummary = {
      status: divergedAt !== undefined ? 'diverged' : stopped ? 'stopped' : 'completed',
      divergedAtStep: divergedAt,
      stepsDone: step, totalSteps, seconds,
      stepsPerSec: stepsPerSec(),
      evalShare: this.evalHeldMs / 1000 / Math.max(seconds, 1e-9),
      evalSeconds: this.evalMs / 1000,
      evalAside,
      last, bestVal, backend: tf.getBackend(), config,
    };
    if (summary.status === 'diverged') {
      const why = Number.isFinite(divergedLoss) ? `the loss reached ${divergedLoss.toPrecision(3)} (> ${ceiling.toFixed(0)})` : 'the loss is not finite';
      this.status('diverged', `diverged at step ${divergedAt}: ${why}; try a smaller learning rate`);
    } else {
      this.status(summary.status, summary.status === 'stopped' ? `stopped at step ${step}` : `completed ${step} steps`);
    }
    host.emit({ type: 'done', summary });
    return summary;
  }

  /**
   * WiSE-FT: ID/OOD accuracy (and distortion) of θ_α = (1−α)·θ0 + α·θ for each α, with θ0's head
   * a linear probe on the pretrained features. Works after training or while paused; the trained
   * weights are restored afterwards.
   */
  wiseFt(alphas: number[]): Promise<WiseFtPoint[]> {
    const job = this.busy.then(() => wiseFtCurve(this.ctx, this.method, alphas));
    this.busy = job.catch(() => undefined);
    return job;
  }

  /**
   * The fine-tuned network (image → logits) as TF.js layers-format files. Works after training or
   * while paused (after any WiSE-FT evaluation in progress, which restores the trained weights).
   */
  exportModel(): Promise<{ modelJson: string; weights: Uint8Array }> {
    const job = this.busy.then(() => {
      if (this.disposed) throw new Error('this run has been released; its network is no longer in memory');
      if (this.method.inference) {
        throw new Error(`${this.config.method.kind.toUpperCase()} predicts with more than the fine-tuned network (it combines the frozen model with a separate one), so it cannot be saved as one layers model`);
      }
      const { net } = this.ctx;
      // shares the trained layers (and weights) of the network; only the logits (its first output) are kept
      const model = tf.model({ inputs: net.view.inputs, outputs: net.view.outputs[0], name: 'fine_tuned' });
      return serialiseLayersModel(model);
    });
    this.busy = job.catch(() => undefined);
    return job;
  }

  private closeAside(): void {
    this.aside?.close();
    this.aside = undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.closeAside();
    for (const p of this.phases) p.groups.forEach((g) => g.optimizer.dispose());
    this.method.dispose?.();
    this.insight.dispose();
    tf.dispose([...this.ctx.initialWeights.values(), this.ctx.pretrainedFeatures.id, this.ctx.pretrainedFeatures.ood]);
    this.ctx.initialWeights.clear();
    this.ctx.net.dispose();
    disposeDeviceData(this.ctx.data);
    this.releaseConstants();
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
    let loss = value;
    for (const penalty of phase.penalties ?? []) {
      loss = tf.add(loss, penalty.value());
      for (const v of vars) if (grads[v.name]) grads[v.name] = penalty.addGradient(v, grads[v.name]);
    }
    for (const g of phase.groups) g.optimizer.apply(g.vars, grads, g.lr * lrFactor);
    phase.afterStep?.(step);
    return loss;
  });
}
