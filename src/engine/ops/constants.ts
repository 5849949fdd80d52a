/**
 * Scalar constants made once per backend and kept while a training session holds them, instead of
 * a fresh scalar tensor (an upload on a GPU backend) every time a step needs 1/N or ε. Sessions
 * hold the cache (open → release on dispose); the last release frees it, so a finished run leaves
 * no tensor behind.
 */
import * as tf from '@tensorflow/tfjs';

const cache = new Map<string, tf.Scalar>();
let holders = 0;

export function constant(value: number): tf.Scalar {
  const key = `${tf.getBackend()}:${value}`;
  let c = cache.get(key);
  if (!c || c.isDisposed) {
    c = tf.keep(tf.scalar(value));
    cache.set(key, c);
  }
  return c;
}

/** Keeps the constants alive until the returned release is called (once). */
export function holdConstants(): () => void {
  holders++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders > 0) return;
    tf.dispose([...cache.values()]);
    cache.clear();
  };
}
