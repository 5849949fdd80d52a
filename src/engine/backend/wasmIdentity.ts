/**
 * Identity for TF.js's wasm backend without a copy. The tape clones every tensor it saves for the
 * backward pass (Identity), and the stock wasm kernel copies the data each time: ~90 copies of
 * activations per ResNet step. TF.js tensors are immutable (a variable's assign swaps its data id),
 * so the clone can share the data, as the backend's own Reshape does.
 */
import * as tf from '@tensorflow/tfjs-core';

interface RefCounting { incRef(id: tf.DataId): void }

export function installWasmIdentityKernel(): void {
  const stock = tf.getKernel(tf.Identity, 'wasm');
  if (stock == null) return;
  tf.unregisterKernel(tf.Identity, 'wasm');
  tf.registerKernel({
    kernelName: tf.Identity,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.TensorInfo };
      if (x.dtype === 'string') return stock.kernelFunc(args);
      (args.backend as unknown as RefCounting).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}
