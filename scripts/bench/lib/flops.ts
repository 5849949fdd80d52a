/**
 * Model FLOPs, counted analytically from the layers (multiply and add = 2 FLOPs), per image, forward:
 *   Conv2D 2·H·W·Cin·Cout·k²  (H, W: output size)     Dense 2·in·out per position (a token, for the ViT)
 *   MultiHeadSelfAttention: 2·N·D·3D (qkv) + 2·2·N²·D (scores, mixing) + 2·N·D² (output)
 * Everything else (BatchNorm, LayerNorm, activations, adds, pooling, softmax) is not counted: it is
 * a few FLOPs per element, small next to the matrix products. A training step is counted as
 * 3 × forward (forward + backward for inputs and weights) × batch.
 */
import type * as tf from '@tensorflow/tfjs';

export interface LayerFlops { name: string; kind: string; flops: number }

/** Output dimensions without the batch (loaded layers know their output shape; their inputShape may be unset). */
function outDims(layer: tf.layers.Layer): number[] {
  const shape = layer.outputShape as (number | null)[] | (number | null)[][];
  const s = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
  return s.slice(1).map((d) => d ?? 1);
}

function kernelShape(layer: tf.layers.Layer): number[] {
  const kernel = layer.weights.find((w) => /kernel/.test(w.originalName)) ?? layer.weights[0];
  return kernel.shape.map((d) => d ?? 1);
}

export function layerFlops(layer: tf.layers.Layer): number {
  const kind = layer.getClassName();
  if (kind === 'Conv2D') {
    const [h, w] = outDims(layer);
    const [kh, kw, cin, cout] = kernelShape(layer);
    return 2 * h * w * cin * cout * kh * kw;
  }
  if (kind === 'Dense') {
    const [cin, cout] = kernelShape(layer);
    const positions = outDims(layer).slice(0, -1).reduce((a, b) => a * b, 1);
    return 2 * positions * cin * cout;
  }
  if (kind === 'MultiHeadSelfAttention') {
    const [n, d] = outDims(layer);
    return 2 * n * d * 3 * d + 2 * 2 * n * n * d + 2 * n * d * d;
  }
  return 0;
}

export function modelFlops(model: tf.LayersModel): { forwardPerImage: number; layers: LayerFlops[] } {
  const layers = model.layers.map((l) => ({ name: l.name, kind: l.getClassName(), flops: layerFlops(l) })).filter((l) => l.flops > 0);
  return { forwardPerImage: layers.reduce((n, l) => n + l.flops, 0), layers };
}

/** FLOPs of one full fine-tuning step (forward + backward) at `batch` images. */
export function trainStepFlops(model: tf.LayersModel, batch: number): number {
  return 3 * modelFlops(model).forwardPerImage * batch;
}
