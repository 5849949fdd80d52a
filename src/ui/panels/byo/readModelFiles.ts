/**
 * A user's model from local files (File API) or from a URL, read into memory on this page. Sizes
 * are checked before anything is read. Local files are never sent anywhere but the page's own
 * training worker.
 */
import { baseName, findModelJsonName, parseModelJson } from '../../../engine/models/byo/files';
import { BYO_LIMITS, checkModelJsonSize, checkTotalSize, checkUploadSizes, formatBytes } from '../../../engine/models/byo/limits';
import { ModelProblem } from '../../../engine/models/byo/problem';
import type { ModelFilePayload } from '../../../protocol/messages';
import { readBody } from '../../net/readBody';

export interface ReadModel {
  files: ModelFilePayload[];
  /** a name for the model: its folder, if the browser says */
  name?: string;
}

export async function readLocalFiles(list: readonly File[]): Promise<ReadModel> {
  if (!list.length) throw new ModelProblem('no-model-json', 'no files were chosen');
  const jsonName = findModelJsonName(list.map((f) => f.name));
  checkUploadSizes(list.map((f) => ({ name: f.name, size: f.size })), jsonName);
  const files = await Promise.all(list.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  // set when a folder was picked or dropped: "mnist-cnn/model.json" names the model "mnist-cnn"
  const folder = list[0].webkitRelativePath?.split('/').slice(-2, -1)[0];
  return { files, name: folder || undefined };
}

async function fetchLimited(url: URL, maxBytes: number, tooBig: (bytes: number) => void): Promise<ArrayBuffer> {
  let response: Response;
  try {
    // no cookies or credentials: the user's model host gets a plain GET
    response = await fetch(url, { credentials: 'omit' });
  } catch {
    throw new ModelProblem('fetch-failed',
      `could not fetch ${url.href}: the request failed. The host may be unreachable, or it does not allow ` +
      'cross-origin requests (CORS); download the files and choose them above instead.');
  }
  if (!response.ok) throw new ModelProblem('fetch-failed', `could not fetch ${url.href}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) tooBig(declared);
  return readBody(response, (received) => { if (received > maxBytes) tooBig(received); });
}

/** model.json from `rawUrl`, then each weight file its manifest names, relative to it. */
export async function fetchModelFromUrl(rawUrl: string, onProgress?: (message: string) => void): Promise<ReadModel> {
  let url: URL;
  try {
    url = new URL(rawUrl.trim(), document.baseURI);
  } catch {
    throw new ModelProblem('fetch-failed', `"${rawUrl}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ModelProblem('fetch-failed', `${url.href}: only http and https URLs can be loaded`);
  const jsonName = baseName(url.pathname) || 'model.json';
  onProgress?.(`fetching ${jsonName}…`);
  const jsonBytes = await fetchLimited(url, BYO_LIMITS.modelJsonBytes, (n) => checkModelJsonSize(jsonName, n));
  // parsed here only to find the weight files; the worker checks it again in full
  const json = parseModelJson(new Uint8Array(jsonBytes), jsonName);
  const paths = [...new Set(json.weightsManifest.flatMap((g) => g.paths))];
  const files: ModelFilePayload[] = [{ name: 'model.json', bytes: jsonBytes }];
  let total = jsonBytes.byteLength;
  for (const [i, path] of paths.entries()) {
    onProgress?.(`fetching weights ${i + 1} of ${paths.length} (${formatBytes(total)} so far)…`);
    const bytes = await fetchLimited(new URL(path, url), BYO_LIMITS.totalBytes - total, (n) => checkTotalSize(total + n));
    total += bytes.byteLength;
    files.push({ name: path, bytes });
  }
  const folder = url.pathname.split('/').slice(-2, -1)[0];
  return { files, name: folder ? decodeURIComponent(folder) : undefined };
}
