/**
 * A dataset of your own images as one file, to move it to another browser by hand: a zip
 * (fflate) holding dataset.json (names, roles, counts) and, per collection, its pixels and labels
 * as raw bytes. Reading one back checks everything datasetProblems checks, and the sizes, before
 * anything is kept: a bad file is refused whole.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { COLLECTION_ROLES, datasetProblems, USER_IMAGE_PIXELS, USER_LIMITS, type UserDataset } from './userDataset';

export const DATASET_FILE_FORMAT = 'fine-tuning-playground/your-images';
export const DATASET_FILE_VERSION = 1;

const manifestSchema = z.strictObject({
  format: z.literal(DATASET_FILE_FORMAT),
  version: z.literal(DATASET_FILE_VERSION),
  name: z.string().max(200),
  classNames: z.array(z.string().max(200)).max(USER_LIMITS.maxClasses * 10),
  collections: z.array(z.strictObject({
    name: z.string().max(200),
    role: z.enum(COLLECTION_ROLES),
    count: z.int().min(0).max(USER_LIMITS.maxImages * 10),
    /** file names inside the zip */
    pixels: z.string().regex(/^c\d+\.pixels$/),
    labels: z.string().regex(/^c\d+\.labels$/),
  })).max(USER_LIMITS.maxCollections * 4),
  createdAt: z.number(),
});

export function encodeDatasetFile(d: UserDataset): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const collections = d.collections.map((c, i) => {
    files[`c${i}.pixels`] = c.pixels;
    files[`c${i}.labels`] = c.labels;
    return { name: c.name, role: c.role, count: c.labels.length, pixels: `c${i}.pixels`, labels: `c${i}.labels` };
  });
  const manifest = { format: DATASET_FILE_FORMAT, version: DATASET_FILE_VERSION, name: d.name, classNames: d.classNames, collections, createdAt: d.createdAt };
  files['dataset.json'] = strToU8(JSON.stringify(manifest, null, 1));
  return zipSync(files, { level: 6 });
}

/** The dataset in a file, without an id (the page gives it one), or why not. */
export function decodeDatasetFile(bytes: Uint8Array): { ok: true; dataset: Omit<UserDataset, 'id'> } | { ok: false; message: string } {
  let files: Record<string, Uint8Array>;
  try {
    // never inflate more than a full dataset could need (a zip bomb stops here)
    const limit = USER_LIMITS.maxImages * (USER_IMAGE_PIXELS + 1) + 1_000_000;
    let total = 0;
    files = unzipSync(bytes, { filter: (f) => { total += f.originalSize; return total <= limit; } });
  } catch (e) {
    return { ok: false, message: `not a zip file this page wrote (${e instanceof Error ? e.message : String(e)})` };
  }
  const json = files['dataset.json'];
  if (!json) return { ok: false, message: 'the zip has no dataset.json: it is not a dataset file this page wrote (a zip of image folders goes in "Add images from a folder or zip")' };
  let raw: unknown;
  try { raw = JSON.parse(strFromU8(json)); } catch { return { ok: false, message: 'dataset.json is not valid JSON' }; }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `dataset.json: ${issue.path.join('.') || '(top)'}: ${issue.message}` };
  }
  const m = parsed.data;
  const collections = [];
  for (const c of m.collections) {
    const pixels = files[c.pixels];
    const labels = files[c.labels];
    if (!pixels || !labels) return { ok: false, message: `collection "${c.name}": ${!pixels ? c.pixels : c.labels} is missing from the zip` };
    if (labels.length !== c.count || pixels.length !== c.count * USER_IMAGE_PIXELS) {
      return { ok: false, message: `collection "${c.name}": expected ${c.count} images, the file holds ${labels.length} labels and ${pixels.length} pixel bytes` };
    }
    collections.push({ name: c.name, role: c.role, pixels: pixels.slice(), labels: labels.slice() });
  }
  const dataset = { name: m.name, classNames: m.classNames, collections, createdAt: m.createdAt };
  const problems = datasetProblems(dataset);
  return problems.length ? { ok: false, message: problems.join('; ') } : { ok: true, dataset };
}
