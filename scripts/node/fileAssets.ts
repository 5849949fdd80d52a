/** AssetReader over the repository's public/ folder (what the page is served from). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AssetReader } from '../../src/engine/assets';

export function publicDirReader(root = 'public'): AssetReader {
  return {
    async read(path, onProgress) {
      const bytes = await readFile(join(root, path));
      onProgress?.(1);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}
