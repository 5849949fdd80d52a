/** A fetch response's body read chunk by chunk, for download progress and size limits. */
import { concatBytes } from '../../engine/bytes';

/**
 * Reads the whole body; `onChunk` sees the running byte count after each chunk. A throw from it
 * cancels the download and propagates (how a size limit stops an oversized file early).
 */
export async function readBody(response: Response, onChunk: (received: number) => void): Promise<ArrayBuffer> {
  if (!response.body) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
    try {
      onChunk(received);
    } catch (e) {
      await reader.cancel();
      throw e;
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}
