/**
 * A faster Conv2DBackpropFilter for TF.js's cpu backend.
 *
 * The stock cpu kernel reads every element through TensorBuffer.get() in a seven-deep loop and is
 * ~50x slower than the forward convolution, which makes training conv nets in Node (the headless
 * runner, pretraining) impractical. This version computes the same sum with flat typed-array
 * indexing, accumulating one outer product per output pixel. Channels-last, dilation 1 only (what
 * Conv2D's gradient asks for); anything else is handed to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs-core';

import type { CpuBackendLike } from './cpuBackendLike';

type KernelArgs = Parameters<tf.KernelFunc>[0];

export function conv2dFilterGradChannelsLast(
  x: Float32Array, xShape: readonly number[],
  dy: Float32Array, dyShape: readonly number[],
  filterHeight: number, filterWidth: number,
  strideH: number, strideW: number, padTop: number, padLeft: number,
): Float32Array {
  const [batch, inH, inW, inC] = xShape;
  const [, outH, outW, outC] = dyShape;
  const dW = new Float32Array(filterHeight * filterWidth * inC * outC);
  for (let b = 0; b < batch; b++) {
    for (let yR = 0; yR < outH; yR++) {
      for (let yC = 0; yC < outW; yC++) {
        const dyOff = ((b * outH + yR) * outW + yC) * outC;
        for (let wR = 0; wR < filterHeight; wR++) {
          const xR = yR * strideH + wR - padTop;
          if (xR < 0 || xR >= inH) continue;
          for (let wC = 0; wC < filterWidth; wC++) {
            const xC = yC * strideW + wC - padLeft;
            if (xC < 0 || xC >= inW) continue;
            const xOff = ((b * inH + xR) * inW + xC) * inC;
            const wOff = (wR * filterWidth + wC) * inC * outC;
            for (let d1 = 0; d1 < inC; d1++) {
              const xv = x[xOff + d1];
              if (xv === 0) continue; // post-ReLU inputs are often zero
              const row = wOff + d1 * outC;
              for (let d2 = 0; d2 < outC; d2++) dW[row + d2] += xv * dy[dyOff + d2];
            }
          }
        }
      }
    }
  }
  return dW;
}

/** Replaces the cpu backend's Conv2DBackpropFilter kernel. */
export function installConvFilterGradKernel(): void {
  const stock = tf.getKernel(tf.Conv2DBackpropFilter, 'cpu');
  if (stock == null) return;
  tf.unregisterKernel(tf.Conv2DBackpropFilter, 'cpu');
  tf.registerKernel({
    kernelName: tf.Conv2DBackpropFilter,
    backendName: 'cpu',
    kernelFunc: (args: KernelArgs) => {
      const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
      const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
      const dataFormat = tf.backend_util.convertConv2DDataFormat(attrs.dataFormat);
      if (dataFormat !== 'channelsLast') return stock.kernelFunc(args);
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1,
        attrs.pad, attrs.dimRoundingMode, false, dataFormat);
      const backend = args.backend as unknown as CpuBackendLike;
      const values = conv2dFilterGradChannelsLast(
        backend.data.get(x.dataId).values, x.shape, backend.data.get(dy.dataId).values, dy.shape,
        info.filterHeight, info.filterWidth, info.strideHeight, info.strideWidth,
        info.padInfo.top, info.padInfo.left);
      return backend.makeTensorInfo(info.filterShape, 'float32', values);
    },
  });
}
