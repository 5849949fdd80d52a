/**
 * The two things the step-time figures compare, as BlockRunners:
 * - engineRunner: the engine's real TrainingSession, timed from outside. Its `train()` runs with
 *   evaluation pushed out (evalEvery = 100000) and a RunControl whose checkpoint (called after
 *   every step) parks the loop at the end of a block until the bench asks for the next one.
 * - bareRunner: the same model (the pretrained model with a new Dense head), batch, sampler and
 *   device data, trained by a bare TF.js loop: tf.variableGrads + tf.train.adam's applyGradients
 *   in one tidy, the batch gathered from the same device tensor, losses read back every 10 steps.
 * Two ways to cut blocks (the same for every runner of a comparison):
 * - 'readback' (steady state of the real loop): a block ends at a loss readback, which the engine
 *   does every LOSS_READBACK_EVERY steps (its `steps` event comes after `await data()` of the
 *   stacked losses, so every step of the block has finished on the device);
 * - 'perStep' (for backends where a step takes seconds, e.g. WebGPU on a software adapter): a
 *   block is one step, ended by reading back one element of a device tensor, which waits for all
 *   work queued before it. Costs one small readback per step.
 * Both run on whatever TF.js backend is active (wasm in Node, webgpu/webgl/cpu in the worker).
 */
import * as tf from '@tensorflow/tfjs';
import type { AssetReader } from '../../../src/engine/assets';
import type { RunConfig } from '../../../src/engine/config/schema';
import type { DeviceSet } from '../../../src/engine/data/deviceData';
import { loadPretrained } from '../../../src/engine/models/pretrained';
import type { RunEvent, RunSummary } from '../../../src/engine/training/events';
import { BatchSampler, LOSS_READBACK_EVERY, TrainingSession } from '../../../src/engine/training/session';
import { startClocks, type BlockRunner, type BlockTime } from './stats';

/** How the host yields between steps (Node: setImmediate; the worker: a MessageChannel, like the product worker). */
export type YieldFn = () => Promise<void>;

export type BlockMode = 'readback' | 'perStep';

export interface ModalRunner extends BlockRunner {
  mode: BlockMode;
}

export interface EngineRunner extends ModalRunner {
  readonly session: TrainingSession;
  /** the run's summary once closed */
  summary: RunSummary | null;
  /** every event the session emitted (status events left out) */
  readonly events: RunEvent[];
}

/** A config for timing: `steps` steps in one phase, evaluation only at the very start and the end. */
export function timingConfig(base: RunConfig, steps: number): RunConfig {
  return { ...base, duration: { unit: 'steps', value: steps }, evalEvery: 100_000 };
}

/** Waits until the device has finished everything queued so far: reads back one element computed from `t`. */
async function deviceSync(t: tf.Tensor): Promise<void> {
  const probe = tf.tidy(() => tf.sum(tf.slice(tf.reshape(t, [-1]), 0, 1)));
  await probe.data();
  probe.dispose();
}

export async function engineRunner(label: string, config: RunConfig, reader: AssetReader, yieldNow: YieldFn, mode: BlockMode = 'readback'): Promise<EngineRunner> {
  const events: RunEvent[] = [];
  let readbackSeen = false;
  let stop = false;
  let release: (() => void) | null = null;
  let handBack: ((time: BlockTime) => void) | null = null;
  let failed: ((e: unknown) => void) | null = null;
  let stopClocks = startClocks();
  let stepsInBlock = 0;
  let training: Promise<RunSummary> | null = null;

  const session = await TrainingSession.open(config, {
    reader,
    emit: (e) => {
      if (e.type === 'steps') readbackSeen = true;
      if (e.type !== 'status') events.push(e);
    },
    control: {
      async checkpoint() {
        stepsInBlock++;
        const endOfBlock = runner.mode === 'perStep' || readbackSeen;
        readbackSeen = false;
        if (endOfBlock && !stop) {
          if (runner.mode === 'perStep') await deviceSync(session.ctx.data.train.yOneHot);
          const time = stopClocks(stepsInBlock);
          const back = handBack;
          handBack = null;
          back?.(time);
          await new Promise<void>((r) => { release = r; });
          stepsInBlock = 0;
          stopClocks = startClocks();
        } else {
          await yieldNow();
        }
        return stop;
      },
    },
  });

  const runner: EngineRunner = {
    label, session, events, summary: null, mode,
    runBlock() {
      return new Promise<BlockTime>((resolve, reject) => {
        handBack = resolve;
        failed = reject;
        stopClocks = startClocks();
        if (!training) {
          stepsInBlock = 0;
          training = session.train();
          training.then(
            (s) => { runner.summary = s; handBack?.({ wall: Number.NaN, cpu: null }); },
            (e) => { failed?.(e); },
          );
        } else {
          const r = release;
          release = null;
          r?.();
        }
      });
    },
    async close() {
      stop = true;
      if (training) {
        const r = release;
        release = null;
        r?.();
        await training.catch(() => undefined);
      }
      session.dispose();
    },
  };
  return runner;
}

export interface BareRunnerOptions {
  label: string;
  modelId: string;
  reader: AssetReader;
  /** the device training set to gather batches from (the engine session's own, so both read the same tensor) */
  train: DeviceSet;
  numClasses: number;
  batchSize: number;
  lr: number;
  seed: number;
  mode?: BlockMode;
}

/** A bare TF.js training loop of the same model, batch and Adam (tf.train.adam). */
export async function bareRunner(o: BareRunnerOptions): Promise<ModalRunner> {
  const { model: base, card } = await loadPretrained(o.reader, o.modelId);
  const features = base.getLayer(card.anatomy.featureLayer).output as tf.SymbolicTensor;
  const head = tf.layers.dense({ units: o.numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed }), name: 'bare_head' });
  const model = tf.model({ inputs: base.inputs, outputs: head.apply(features) as tf.SymbolicTensor });
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.adam(o.lr);
  const sampler = new BatchSampler(o.train.count, o.batchSize, o.seed);
  const pending: tf.Scalar[] = [];
  let steps = 0;

  const step = (): tf.Scalar => tf.tidy(() => {
    const idx = tf.tensor1d(sampler.next(), 'int32');
    const x = tf.gather(o.train.x, idx);
    const y = tf.gather(o.train.yOneHot, idx);
    const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, vars);
    optimizer.applyGradients(grads as unknown as Parameters<typeof optimizer.applyGradients>[0]);
    return value;
  });

  const readLosses = async () => {
    const stacked = tf.stack(pending);
    const values = await stacked.data();
    tf.dispose([stacked, ...pending]);
    pending.length = 0;
    if (!values.every(Number.isFinite)) throw new Error(`${o.label}: the bare loop's loss is not finite`);
  };

  const runner: ModalRunner = {
    label: o.label,
    mode: o.mode ?? 'readback',
    async runBlock() {
      const stop = startClocks();
      let n = 0;
      for (;;) {
        pending.push(step());
        steps++;
        n++;
        // the engine's cadence: a readback after step 1, then every LOSS_READBACK_EVERY losses
        if (steps === 1 || pending.length >= LOSS_READBACK_EVERY) {
          await readLosses();
          if (runner.mode === 'readback') break;
        }
        if (runner.mode === 'perStep') {
          await deviceSync(o.train.yOneHot);
          break;
        }
      }
      return stop(n);
    },
    async close() {
      tf.dispose(pending);
      optimizer.dispose();
      // like Network.dispose: the base model owns its layers, the new head is disposed on its own
      base.dispose();
      head.dispose();
    },
  };
  return runner;
}
