/**
 * Inference with BatchNorm folded into the convolution or dense layer before it: in inference
 * mode BN is an affine map per channel, so W' = W·s, b' = (b − μ)·s + β with s = γ/√(σ²+ε) give
 * the same outputs (to float rounding) in one fused kernel — with the following ReLU fused in too
 * when the BN feeds only that ReLU. Evaluation forwards thousands of images, so these kernels are
 * most of its cost. The plan is read off the layer graph once; the folded weights are made per use
 * (the weights change as training goes on).
 */
import * as tf from '@tensorflow/tfjs';

export interface FoldPair {
  linear: tf.layers.Layer;
  kind: 'conv2d' | 'dense';
  bn: tf.layers.Layer;
  /** a ReLU layer that is the BN's only consumer (fused into the linear layer's kernel) */
  relu?: tf.layers.Layer;
}

export interface FoldedWeights { kernel: tf.Tensor; bias: tf.Tensor }

interface LinearLike {
  kernel: { read(): tf.Tensor }; bias?: { read(): tf.Tensor } | null; useBias: boolean;
  strides?: number[]; padding?: 'same' | 'valid'; dilationRate?: number[]; dataFormat?: string;
}
interface BatchNormLike {
  gamma?: { read(): tf.Tensor }; beta?: { read(): tf.Tensor }; movingMean: { read(): tf.Tensor }; movingVariance: { read(): tf.Tensor };
  epsilon: number; axis: number; center: boolean; scale: boolean;
}

const consumers = (layer: tf.layers.Layer) => layer.outboundNodes.map((n) => n.outboundLayer);
const isLinearActivation = (layer: tf.layers.Layer) => {
  const a = layer.getConfig().activation;
  return a === undefined || a === 'linear';
};
const isRelu = (layer: tf.layers.Layer) => (layer.getClassName() === 'ReLU' && layer.getConfig().maxValue == null)
  || (layer.getClassName() === 'Activation' && layer.getConfig().activation === 'relu');

/** The (conv or dense) → BatchNorm [→ ReLU] chains whose intermediate outputs nothing else reads. */
export function planFolding(layers: tf.layers.Layer[], modelOutputs: tf.SymbolicTensor[]): FoldPair[] {
  const outputLayers = new Set(modelOutputs.map((t) => t.sourceLayer));
  const pairs: FoldPair[] = [];
  for (const bn of layers) {
    if (bn.getClassName() !== 'BatchNormalization') continue;
    const b = bn as unknown as BatchNormLike;
    if (!b.center || !b.scale || (b.axis !== -1 && b.axis !== 3 && b.axis !== 1)) continue;
    if (bn.inboundNodes.length !== 1) continue;
    const [linear] = bn.inboundNodes[0].inboundLayers;
    const kind = linear?.getClassName() === 'Conv2D' ? 'conv2d' : linear?.getClassName() === 'Dense' ? 'dense' : null;
    if (!kind || !isLinearActivation(linear) || outputLayers.has(linear) || linear.inboundNodes.length !== 1) continue;
    if (consumers(linear).length !== 1) continue;
    const rank = (bn.inboundNodes[0].inputTensors[0].shape).length;
    if (b.axis !== -1 && b.axis !== rank - 1) continue;
    if (kind === 'conv2d' && ((linear as unknown as LinearLike).dataFormat ?? 'channelsLast') !== 'channelsLast') continue;
    if (kind === 'dense' && rank !== 2) continue;
    const next = consumers(bn);
    const relu = next.length === 1 && isRelu(next[0]) && !outputLayers.has(bn) ? next[0] : undefined;
    pairs.push({ linear, kind, bn, relu });
  }
  return pairs;
}

/** W' and b' of one pair from the current weights (tensors owned by the caller). */
export function foldWeights(pair: FoldPair): FoldedWeights {
  return tf.tidy(() => {
    const l = pair.linear as unknown as LinearLike;
    const b = pair.bn as unknown as BatchNormLike;
    const s = tf.mul(b.gamma!.read(), tf.rsqrt(tf.add(b.movingVariance.read(), b.epsilon)));
    const kernel = tf.mul(l.kernel.read(), s);
    const shifted = l.useBias && l.bias ? tf.sub(l.bias.read(), b.movingMean.read()) : tf.neg(b.movingMean.read());
    return { kernel, bias: tf.add(tf.mul(shifted, s), b.beta!.read()) };
  });
}

/** The folded layer's output for input `x`. */
export function foldedCall(pair: FoldPair, w: FoldedWeights, x: tf.Tensor): tf.Tensor {
  const activation = pair.relu ? 'relu' : 'linear';
  if (pair.kind === 'dense') return tf.fused.matMul({ a: x as tf.Tensor2D, b: w.kernel as tf.Tensor2D, bias: w.bias, activation });
  const l = pair.linear as unknown as LinearLike;
  return tf.fused.conv2d({
    x: x as tf.Tensor4D, filter: w.kernel as tf.Tensor4D, strides: l.strides as [number, number], pad: l.padding!,
    dilations: l.dilationRate as [number, number], dataFormat: 'NHWC', bias: w.bias, activation,
  });
}
