import { readBody } from './readBody';

/** Same-origin fetch of a site file with download progress (relative URL: works under any base path). */
export async function fetchBytes(path: string, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${response.statusText}`.trim());
  const total = Number(response.headers.get('content-length')) || 0;
  if (!response.body || !onProgress || !total) return new Uint8Array(await response.arrayBuffer());
  return new Uint8Array(await readBody(response, (received) => onProgress(Math.min(1, received / total))));
}
