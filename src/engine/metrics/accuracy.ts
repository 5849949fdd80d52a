/** Inference over device sets in fixed-size batches (a fixed batch shape lets GPU buffers be reused). */
import * as tf from '@tensorflow/tfjs';
import { chunks, type DeviceSet } from '../data/deviceData';

export const EVAL_BATCH = 250;

/** Predicted class per image (for confusion matrices and sample grids). */
export function predictions(predict: (x: tf.Tensor4D) => tf.Tensor2D, set: DeviceSet, batch = EVAL_BATCH): tf.Tensor1D {
  return tf.tidy(() => tf.concat(chunks(set.count, batch).map((c) =>
    tf.argMax(predict(set.x.slice([c.start, 0, 0, 0], [c.size, -1, -1, -1])), 1))) as tf.Tensor1D);
}
