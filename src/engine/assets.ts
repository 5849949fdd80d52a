/**
 * How the engine reads its files (datasets, models) without knowing where it runs: the worker
 * fetches them from the page's origin, Node reads them from public/ on disk.
 * Paths are relative to the site root, e.g. "data/mnist/train.bin", "models/resnet-broad/model.json".
 */
export interface AssetReader {
  read(path: string, onProgress?: (fraction: number) => void): Promise<Uint8Array>;
}

export async function readJson<T>(reader: AssetReader, path: string): Promise<T> {
  const bytes = await reader.read(path);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
}
