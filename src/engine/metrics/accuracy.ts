/** Correct predictions over a device set, in fixed-size inference batches, as one scalar. */
import * as tf from '@tensorflow/tfjs';
import { chunks, type DeviceSet } from '../data/deviceData';

export const EVAL_BATCH = 250;

export function correctCount(predict: (x: tf.Tensor4D) => tf.Tensor2D, set: DeviceSet, batch = EVAL_BATCH): tf.Scalar {
  return tf.tidy(() => {
    let total: tf.Tensor = tf.scalar(0, 'int32');
    for (const c of chunks(set.count, batch)) {
      const x = set.x.slice([c.start, 0, 0, 0], [c.size, -1, -1, -1]);
      const y = set.y.slice([c.start], [c.size]);
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(predict(x), 1), y), 'int32'));
      total = tf.add(total, hits);
    }
    return tf.cast(total, 'float32') as tf.Scalar;
  });
}

/** Predicted class per image (for confusion matrices and sample grids). */
export function predictions(predict: (x: tf.Tensor4D) => tf.Tensor2D, set: DeviceSet, batch = EVAL_BATCH): tf.Tensor1D {
  return tf.tidy(() => tf.concat(chunks(set.count, batch).map((c) =>
    tf.argMax(predict(set.x.slice([c.start, 0, 0, 0], [c.size, -1, -1, -1])), 1))) as tf.Tensor1D);
}
