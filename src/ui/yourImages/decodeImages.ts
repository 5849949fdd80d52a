/**
 * Pictures → what the network sees, in the page: a file is decoded by the browser
 * (createImageBitmap), drawn at most 112 px on a side (OffscreenCanvas), and handed to the
 * engine's conversion (28×28 grey, data/user/convert.ts). Folders and zips follow importPlan.ts;
 * a picture the browser cannot decode (a corrupt JPEG) refuses the whole import, naming it.
 */
import { unzipSync } from 'fflate';
import { toNetworkImage } from '../../engine/data/user/convert';
import type { LabelledImage } from '../store/userDatasets';
import { planImport, skippedNote } from './importPlan';

const DRAW_MAX = 112;

/** Any drawable (a decoded file, a video frame, a canvas) → the 784 bytes the network sees. */
export function drawableToNetwork(source: CanvasImageSource, width: number, height: number): Uint8Array {
  const scale = Math.min(1, DRAW_MAX / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, w, h);
  return toNetworkImage({ width: w, height: h, data: ctx.getImageData(0, 0, w, h).data });
}

export async function decodeToNetwork(blob: Blob, name: string): Promise<Uint8Array> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new Error(`"${name}" could not be decoded as an image (a corrupt file, or not really a PNG, JPEG or WebP); nothing was imported`);
  }
  try {
    return drawableToNetwork(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

export interface ReadImages { images: LabelledImage[]; note?: string }

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

async function decodeAll(entries: { path: string; className: string; blob: () => Blob }[], onProgress: (done: number, total: number) => void): Promise<LabelledImage[]> {
  const out: LabelledImage[] = [];
  for (const [i, e] of entries.entries()) {
    out.push({ className: e.className, pixels: await decodeToNetwork(e.blob(), e.path) });
    if (i % 20 === 0) onProgress(i, entries.length);
  }
  return out;
}

/** A folder picked with <input webkitdirectory> (or files dropped with their relative paths). */
export async function readFolder(files: readonly File[], room: number, onProgress: (done: number, total: number) => void): Promise<ReadImages> {
  const byPath = new Map(files.map((f) => [f.webkitRelativePath || f.name, f]));
  const plan = planImport([...byPath.keys()], [], room);
  if (!plan.ok) throw new Error(plan.message);
  const images = await decodeAll(plan.images.map((p) => ({ ...p, blob: () => byPath.get(p.path)! })), onProgress);
  return { images, note: skippedNote(plan.skipped) };
}

/** A zip with one folder per class (at its top, or inside one folder). */
export async function readZip(bytes: Uint8Array, room: number, onProgress: (done: number, total: number) => void): Promise<ReadImages> {
  let entries: Record<string, Uint8Array>;
  // a zip that unpacks to more than this (a zip bomb, or thousands of huge photos) is refused before it is inflated
  const limit = 1_000_000_000;
  let total = 0;
  try {
    entries = unzipSync(bytes, { filter: (f) => { total += f.originalSize; return total <= limit; } });
  } catch (e) {
    throw new Error(`the file is not a readable zip (${e instanceof Error ? e.message : String(e)}); nothing was imported`);
  }
  if (total > limit) throw new Error(`the zip unpacks to more than ${limit / 1e9} GB; nothing was imported`);
  const paths = Object.keys(entries).filter((p) => !p.endsWith('/'));
  const folders = Object.keys(entries).filter((p) => p.endsWith('/'));
  const plan = planImport(paths, folders, room);
  if (!plan.ok) throw new Error(plan.message);
  const images = await decodeAll(plan.images.map((p) => ({
    ...p,
    blob: () => new Blob([entries[p.path] as BlobPart], { type: MIME[p.path.toLowerCase().split('.').pop()!] }),
  })), onProgress);
  return { images, note: skippedNote(plan.skipped) };
}

