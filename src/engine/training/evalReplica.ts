/**
 * Evaluation beside training: a replica of the run's network, built from the run's config alone
 * (same data, same pretrained network, same probe features and See-inside frame), that runs an
 * evaluation's forward part (every evaluation image through the network) on a snapshot of the
 * run's weights while the run trains on. The run keeps the cheap state part (drift, diagnostics).
 * On the same backend the replica gives the numbers the run would have computed itself.
 */
import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from '../config/schema';
import { forwardPart, probeFeatures, type ForwardInputs } from '../metrics/evaluate';
import { InsightProbe } from '../metrics/insight';
import type { DeviceData } from '../methods/types';
import type { Network } from '../models/network';
import { variableOf } from '../models/network';
import { disposeDeviceData, loadDeviceData, loadNetwork, type PartsHost } from './runParts';

/** The run's weights at an evaluation, in the order of `net.allWeights()`. */
export type WeightSnapshot = Float32Array[];

/** What a run needs of a replica: the forward part's values for a snapshot, and its own time. */
export interface EvalAside {
  forward(weights: WeightSnapshot): Promise<{ values: Float32Array; ms: number }>;
  close(): void;
}

/** Copies of the network's weights (copies: a backend may hand out its own storage, which a transfer would take away). */
export async function snapshotWeights(net: Network): Promise<WeightSnapshot> {
  const values = await Promise.all(net.allWeights().map((w) => w.read().data()));
  return values.map((v) => Float32Array.from(v as Float32Array));
}

/** Sets the network's weights to a snapshot (shapes checked: a replica of another network is refused). */
export function assignWeights(net: Network, weights: WeightSnapshot): void {
  const vars = net.allWeights().map(variableOf);
  if (vars.length !== weights.length) throw new Error(`the snapshot has ${weights.length} weights, the network ${vars.length}`);
  tf.tidy(() => vars.forEach((v, i) => {
    if (v.size !== weights[i].length) throw new Error(`weight ${v.name}: ${weights[i].length} values for ${v.size}`);
    v.assign(tf.tensor(weights[i], v.shape, v.dtype));
  }));
}

/** Runs `f` with the network's weights set to a snapshot, then puts the network's own back. */
export async function withWeights<T>(net: Network, weights: WeightSnapshot, f: () => Promise<T>): Promise<T> {
  const vars = net.allWeights().map(variableOf);
  const own = vars.map((v) => tf.keep(v.clone()));
  try {
    assignWeights(net, weights);
    return await f();
  } finally {
    vars.forEach((v, i) => v.assign(own[i]));
    tf.dispose(own);
  }
}

export class EvalReplica {
  private constructor(
    private readonly inputs: ForwardInputs & { data: DeviceData },
    private readonly insight: InsightProbe,
  ) {}

  /** Builds the run's network and evaluation sets as the run does, before any method's preparation. */
  static async open(config: RunConfig, host: PartsHost): Promise<EvalReplica> {
    const { data } = await loadDeviceData(config, host);
    let net: Network | undefined;
    try {
      // the head's first values do not matter: every evaluation sets all weights
      net = await loadNetwork(config, host, data, 'glorot');
      const pretrainedFeatures = probeFeatures(net, data);
      const insight = await InsightProbe.create(pretrainedFeatures, data);
      return new EvalReplica({ net, data, pretrainedFeatures, evalTrain: config.evalTrain }, insight);
    } catch (e) {
      net?.dispose();
      disposeDeviceData(data);
      throw e;
    }
  }

  /** The forward part (with See inside) on these weights, read back. */
  async forward(weights: WeightSnapshot): Promise<{ values: Float32Array; ms: number }> {
    const t0 = performance.now();
    assignWeights(this.inputs.net, weights);
    const packed = forwardPart(this.inputs, this.insight);
    const values = (await packed.data()) as Float32Array;
    packed.dispose();
    return { values, ms: performance.now() - t0 };
  }

  dispose(): void {
    this.insight.dispose();
    tf.dispose([this.inputs.pretrainedFeatures.id, this.inputs.pretrainedFeatures.ood]);
    this.inputs.net.dispose();
    disposeDeviceData(this.inputs.data);
  }
}

/**
 * A replica in this thread (Node hosts, tests): the same numbers and the same hand-over as the
 * page's evaluation worker, without a core of its own. It answers a turn later, as a worker does.
 */
export function inThreadAside(config: RunConfig, host: PartsHost): EvalAside {
  const opened = EvalReplica.open(config, host);
  opened.catch(() => undefined); // its failure is the first evaluation's
  let closed = false;
  return {
    async forward(weights) {
      const replica = await opened;
      await new Promise((r) => setTimeout(r, 0));
      if (closed) throw new Error('the replica was closed');
      return replica.forward(weights);
    },
    close() {
      if (closed) return;
      closed = true;
      void opened.then((r) => r.dispose(), () => undefined);
    },
  };
}
