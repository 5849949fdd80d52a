/** AssetReader for the worker: same-origin fetches relative to the page's base URL. */
import type { AssetReader } from '../engine/assets';

export function fetchReader(base: string): AssetReader {
  return {
    async read(path, onProgress) {
      const response = await fetch(new URL(path, base));
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      const total = Number(response.headers.get('content-length')) || 0;
      if (!response.body || !total || !onProgress) return new Uint8Array(await response.arrayBuffer());
      const reader = response.body.getReader();
      const out = new Uint8Array(total);
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        out.set(value, received);
        received += value.length;
        onProgress(received / total);
      }
      return out.subarray(0, received);
    },
  };
}
