/**
 * A pretrained backbone with a new head for the target task, seen as one model whose outputs are
 * [logits, penultimate features, ...taps]. Shares the backbone's layers (and weights) with the
 * loaded model. BatchNorm's train/eval mode can be set per layer (Frozen-k, LP-FT), which TF.js
 * layers do not offer: `training` is one flag for the whole call. BatchNorm in training mode and
 * LayerNorm run as single fused ops (ops/normalization.ts) instead of the layers' own calls.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormTraining, isFusableBatchNorm, isFusableLayerNorm, layerNorm } from '../ops/normalization';
import { blockOfLayer, type ModelAnatomy } from './anatomy';
import { foldedCall, foldWeights, planFolding, type FoldedWeights, type FoldPair } from './foldBatchNorm';

export interface ForwardResult {
  logits: tf.Tensor2D;
  features: tf.Tensor2D;
  taps: tf.Tensor[];
}

export type HeadInit = 'glorot' | 'zeros';
export type BatchNormMode = 'train' | 'eval';

interface CallableLayer {
  name: string;
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[];
}

export function isBatchNorm(layer: tf.layers.Layer): boolean {
  return layer.getClassName() === 'BatchNormalization';
}

const isLayerNorm = (layer: tf.layers.Layer) => layer.getClassName() === 'LayerNormalization';
const firstInput = (inputs: tf.Tensor | tf.Tensor[]) => (Array.isArray(inputs) ? inputs[0] : inputs);

/** The tf.Variable behind a layer weight (what tf.variableGrads and optimizers act on). */
export function variableOf(w: tf.LayerVariable): tf.Variable {
  return w.read() as tf.Variable;
}

export class Network {
  readonly view: tf.LayersModel;
  readonly head: tf.layers.Layer;
  private readonly blockIndex: Map<string, number>;
  /** position in the view's outputs of logits, features and each tap (a tap may be the feature layer) */
  private readonly outputIndex: number[];
  private readonly originalCalls = new Map<CallableLayer, CallableLayer['call']>();
  private readonly batchNormModes = new Map<string, BatchNormMode | 'inherit'>();
  /** conv/dense → BN [→ ReLU] chains that inference can run as one fused layer */
  private readonly foldPlan: FoldPair[];
  /** while inference runs folded: the folded weights of each pair, by the name of each layer in it */
  private folding: Map<string, { pair: FoldPair; weights: FoldedWeights }> | null = null;

  constructor(
    readonly base: tf.LayersModel,
    readonly anatomy: ModelAnatomy,
    opts: { numClasses: number; headInit: HeadInit; seed: number },
  ) {
    const featureOut = base.getLayer(anatomy.featureLayer).output as tf.SymbolicTensor;
    this.head = tf.layers.dense({
      units: opts.numClasses,
      name: 'target_head',
      kernelInitializer: opts.headInit === 'zeros' ? 'zeros' : tf.initializers.glorotUniform({ seed: opts.seed }),
      biasInitializer: 'zeros',
    });
    const logits = this.head.apply(featureOut) as tf.SymbolicTensor;
    const taps = anatomy.taps.map((name) => base.getLayer(name).output as tf.SymbolicTensor);
    // TF.js returns null for an output listed twice, so each tensor is listed once and mapped back
    const wanted = [logits, featureOut, ...taps];
    const outputs = [...new Set(wanted)];
    this.outputIndex = wanted.map((t) => outputs.indexOf(t));
    this.view = tf.model({ inputs: base.inputs, outputs, name: 'finetune_view' });
    this.blockIndex = blockOfLayer(anatomy);
    this.foldPlan = planFolding(this.view.layers, this.view.outputs);
    const folded = (layer: tf.layers.Layer, kwargs: Record<string, unknown>) => (kwargs.training === true ? undefined : this.folding?.get(layer.name));
    for (const pair of this.foldPlan) {
      // the linear layer computes the whole chain; the BN (and ReLU) pass its result on
      this.replaceCall(pair.linear, (original) => (inputs, kwargs) => {
        const f = folded(pair.linear, kwargs);
        return f ? foldedCall(f.pair, f.weights, firstInput(inputs)) : original(inputs, kwargs);
      });
      if (pair.relu) this.replaceCall(pair.relu, (original) => (inputs, kwargs) => (folded(pair.relu!, kwargs) ? firstInput(inputs) : original(inputs, kwargs)));
    }
    for (const layer of this.view.layers) {
      if (isBatchNorm(layer)) this.replaceCall(layer, (original) => (inputs, kwargs) => {
        if (folded(layer, kwargs)) return firstInput(inputs);
        const mode = this.batchNormModes.get(layer.name) ?? 'inherit';
        const training = kwargs.training === true && mode !== 'eval';
        const x = firstInput(inputs);
        return training && isFusableBatchNorm(layer, x.rank) ? batchNormTraining(layer, x) : original(inputs, { ...kwargs, training });
      });
      else if (isLayerNorm(layer)) this.replaceCall(layer, (original) => (inputs, kwargs) => {
        const x = firstInput(inputs);
        return isFusableLayerNorm(layer, x.rank) ? layerNorm(layer, x) : original(inputs, kwargs);
      });
    }
  }

  private replaceCall(layer: tf.layers.Layer, make: (original: CallableLayer['call']) => CallableLayer['call']): void {
    const callable = layer as unknown as CallableLayer;
    const original = callable.call.bind(layer);
    this.originalCalls.set(callable, callable.call);
    callable.call = make(original);
  }

  /** Runs the network; `training` puts BatchNorm in batch-statistics mode unless a layer's mode is pinned. */
  forward(x: tf.Tensor, training: boolean): ForwardResult {
    const unique = this.view.apply(x, { training }) as tf.Tensor[];
    const out = this.outputIndex.map((i) => unique[i]);
    return { logits: out[0] as tf.Tensor2D, features: out[1] as tf.Tensor2D, taps: out.slice(2) };
  }

  /**
   * Runs `f` with BatchNorm folded into the layer before it for inference calls (evaluation);
   * training calls inside `f` are unaffected. Same outputs to float rounding, fewer kernels.
   */
  withFoldedBatchNorm<T>(f: () => T): T {
    if (this.folding || this.foldPlan.length === 0) return f();
    const folding = new Map<string, { pair: FoldPair; weights: FoldedWeights }>();
    for (const pair of this.foldPlan) {
      const entry = { pair, weights: foldWeights(pair) };
      for (const layer of [pair.linear, pair.bn, pair.relu]) if (layer) folding.set(layer.name, entry);
    }
    this.folding = folding;
    try {
      return f();
    } finally {
      this.folding = null;
      for (const pair of this.foldPlan) tf.dispose(Object.values(folding.get(pair.linear.name)!.weights));
    }
  }

  /** Logits in inference mode. */
  predict(x: tf.Tensor): tf.Tensor2D {
    return this.forward(x, false).logits;
  }

  get batchNormLayers(): tf.layers.Layer[] {
    return this.view.layers.filter(isBatchNorm);
  }

  /**
   * Pins BatchNorm layers to a mode in training calls ('inherit': follow the call's flag).
   * Inference calls always use the moving statistics.
   */
  setBatchNormModes(mode: (layerName: string, blockIndex: number | undefined) => BatchNormMode | 'inherit'): void {
    for (const layer of this.batchNormLayers) this.batchNormModes.set(layer.name, mode(layer.name, this.blockIndex.get(layer.name)));
  }

  /** Index of the block a layer belongs to (undefined for the head and unassigned layers). */
  blockOf(layerName: string): number | undefined {
    return this.blockIndex.get(layerName);
  }

  /** Trainable backbone layer weights (head excluded), optionally only those of blocks ≥ firstBlock. */
  backboneWeights(firstBlock = 0): tf.LayerVariable[] {
    const out: tf.LayerVariable[] = [];
    for (const layer of this.view.layers) {
      if (layer === this.head) continue;
      const b = this.blockIndex.get(layer.name);
      if (b !== undefined && b < firstBlock) continue;
      // layers outside every block (e.g. pooling) still train with the backbone when nothing is frozen
      if (b === undefined && firstBlock >= this.anatomy.blocks.length) continue;
      out.push(...layer.trainableWeights);
    }
    return out;
  }

  headWeights(): tf.LayerVariable[] {
    return this.head.trainableWeights;
  }

  /** Every weight of the view, trainable or not (BatchNorm statistics included), in a stable order. */
  allWeights(): tf.LayerVariable[] {
    return this.view.weights;
  }

  /** Layers that own trainable weights, for per-layer drift. */
  weightedLayers(): tf.layers.Layer[] {
    return this.view.layers.filter((l) => l.trainableWeights.length > 0);
  }

  dispose(): void {
    this.base.dispose();
    for (const [layer, call] of this.originalCalls) layer.call = call;
    this.originalCalls.clear();
    // the new head is not owned by the base model
    if (!this.head.trainableWeights.some((w) => w.read().isDisposed)) this.head.dispose();
  }
}
