/**
 * The user's own images as a target: a named dataset of *collections* (e.g. "printed digits",
 * "my handwriting"), one of them the training (ID) domain and the others real OOD domains. Images
 * are kept as the network sees them (28×28 grey, convert.ts), made in the page from files, the
 * webcam or a drawing pad, and never leave the browser. Pure data and checks; no DOM.
 */
import { splitIdCollection } from './split';

export const USER_DATASET_PREFIX = 'user:';
export type UserTargetId = `user:${string}`;

export const USER_LIMITS = {
  /** images in one dataset, every collection together: more is refused, not cut */
  maxImages: 5000,
  maxClasses: 20,
  /** one ID collection and up to four OOD ones */
  maxCollections: 5,
  maxNameLength: 30,
  /** an ID class needs one image to train on and one to test with */
  minIdImagesPerClass: 2,
} as const;

export const USER_IMAGE_SIDE = 28;
export const USER_IMAGE_PIXELS = USER_IMAGE_SIDE * USER_IMAGE_SIDE;

/** 'id': the training domain (a held-out part is the ID test set); 'ood': a real OOD domain; 'unused': kept, not used. */
export const COLLECTION_ROLES = ['id', 'ood', 'unused'] as const;
export type CollectionRole = (typeof COLLECTION_ROLES)[number];

export interface UserCollection {
  name: string;
  role: CollectionRole;
  /** count · 784 bytes, 28×28 grey, light ink on a dark ground as in MNIST */
  pixels: Uint8Array;
  /** count class indices into the dataset's classNames */
  labels: Uint8Array;
}

export interface UserDataset {
  id: UserTargetId;
  name: string;
  classNames: string[];
  collections: UserCollection[];
  /** ms since the epoch */
  createdAt: number;
}

export function isUserTarget(id: string): id is UserTargetId {
  return id.startsWith(USER_DATASET_PREFIX);
}

/** What a config needs to know of a user dataset without its pixels (validation, the page). */
export interface UserDatasetFacts {
  name: string;
  classNames: readonly string[];
  /** images the run can train on: the ID collection less its held-out part */
  trainImages: number;
  /** the OOD collections' names, in order */
  oodCollections: string[];
  /** why it cannot be trained on yet (datasetProblems), where the caller checked */
  problems?: string[];
}

const NAME_CHARS = /^[\p{L}\p{N} _.,()'+-]+$/u;

function nameProblem(what: string, name: string): string | null {
  if (!name.trim()) return `${what} has no name`;
  if (name.length > USER_LIMITS.maxNameLength) return `${what} "${name.slice(0, 40)}…" is longer than ${USER_LIMITS.maxNameLength} characters`;
  if (!NAME_CHARS.test(name)) return `${what} "${name}" may hold only letters, digits, spaces and _ . , ( ) ' + -`;
  return null;
}

export function imageCount(d: Pick<UserDataset, 'collections'>): number {
  return d.collections.reduce((n, c) => n + c.labels.length, 0);
}

/** Images of each class in a collection. */
export function classCounts(labels: Uint8Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const l of labels) if (l < numClasses) counts[l]++;
  return counts;
}

/**
 * Why a dataset cannot be trained on, in words (empty when it can). Every rule the page, the
 * worker and an imported file must agree on lives here.
 */
export function datasetProblems(d: Omit<UserDataset, 'id' | 'createdAt'>): string[] {
  const out: string[] = [];
  const push = (p: string | null) => { if (p) out.push(p); };
  push(nameProblem('the dataset', d.name));
  const n = d.classNames.length;
  if (n < 2) out.push(`a classifier needs at least 2 classes; this dataset has ${n}${n === 1 ? ` ("${d.classNames[0]}")` : ''}`);
  if (n > USER_LIMITS.maxClasses) out.push(`at most ${USER_LIMITS.maxClasses} classes; this dataset has ${n}`);
  d.classNames.forEach((c) => push(nameProblem('a class', c)));
  if (new Set(d.classNames).size !== n) out.push('two classes have the same name');
  if (d.collections.length > USER_LIMITS.maxCollections) out.push(`at most ${USER_LIMITS.maxCollections} collections; this dataset has ${d.collections.length}`);
  d.collections.forEach((c) => push(nameProblem('a collection', c.name)));
  if (new Set(d.collections.map((c) => c.name)).size !== d.collections.length) out.push('two collections have the same name');
  const total = imageCount(d);
  if (total > USER_LIMITS.maxImages) out.push(`${total} images: at most ${USER_LIMITS.maxImages} are kept in one dataset`);
  for (const c of d.collections) {
    if (c.pixels.length !== c.labels.length * USER_IMAGE_PIXELS) out.push(`collection "${c.name}": ${c.pixels.length} pixel bytes for ${c.labels.length} images`);
    const bad = c.labels.findIndex((l) => l >= n);
    if (bad >= 0) out.push(`collection "${c.name}": image ${bad + 1} has class ${c.labels[bad]}, beyond the ${n} classes`);
    if (c.role === 'ood' && c.labels.length === 0) out.push(`collection "${c.name}" is an OOD domain but holds no images`);
  }
  const ids = d.collections.filter((c) => c.role === 'id');
  if (ids.length !== 1) out.push(ids.length ? `${ids.length} collections are marked as the training domain; mark one` : 'no collection is marked as the training (ID) domain');
  else if (n >= 2) {
    const counts = classCounts(ids[0].labels, n);
    counts.forEach((k, c) => {
      if (k === 0) out.push(`class "${d.classNames[c]}" is empty in "${ids[0].name}", the training collection`);
      else if (k < USER_LIMITS.minIdImagesPerClass) out.push(`class "${d.classNames[c]}" has ${k} image in "${ids[0].name}"; it needs ${USER_LIMITS.minIdImagesPerClass} (one to train on, one to test)`);
    });
  }
  return out;
}

/** The facts validation needs, from the dataset itself. */
export function userDatasetFacts(d: UserDataset): UserDatasetFacts {
  const id = d.collections.find((c) => c.role === 'id');
  return {
    name: d.name,
    classNames: d.classNames,
    trainImages: id ? splitIdCollection(id.labels, d.classNames.length).train.length : 0,
    oodCollections: d.collections.filter((c) => c.role === 'ood').map((c) => c.name),
  };
}
