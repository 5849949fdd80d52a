/** The user's own image datasets as the page keeps them: ids, adding images, what validation needs. */
import type { DatasetLookup } from '../../engine/config/validate';
import type { ImageSet } from '../../engine/data/binaryFormat';
import {
  datasetProblems, imageCount, USER_DATASET_PREFIX, USER_IMAGE_PIXELS, USER_LIMITS, userDatasetFacts,
  type CollectionRole, type UserDataset, type UserTargetId,
} from '../../engine/data/user/userDataset';

/** "user:my-digits", made unique among `taken` ids with -2, -3, … */
export function userDatasetId(name: string, taken: ReadonlySet<string>): UserTargetId {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32) || 'images';
  let id: UserTargetId = `${USER_DATASET_PREFIX}${slug}`;
  for (let i = 2; taken.has(id); i++) id = `${USER_DATASET_PREFIX}${slug}-${i}`;
  return id;
}

export function newUserDataset(name: string, taken: ReadonlySet<string>, now = Date.now()): UserDataset {
  return { id: userDatasetId(name, taken), name: name.trim(), classNames: [], collections: [], createdAt: now };
}

/** One picture as the network sees it, and the class it shows. */
export interface LabelledImage { className: string; pixels: Uint8Array }

export type Change = { ok: true; dataset: UserDataset } | { ok: false; message: string };

/**
 * The dataset with `images` added to the collection (made if new: the first collection is the
 * training domain, later ones OOD). All or nothing: over the image cap, or with a bad name, the
 * dataset is left as it was and the answer says why.
 */
export function addImages(d: UserDataset, collection: string, images: readonly LabelledImage[], role?: CollectionRole): Change {
  const name = collection.trim();
  const total = imageCount(d) + images.length;
  if (total > USER_LIMITS.maxImages) {
    return { ok: false, message: `${images.length} images would make ${total}: a dataset keeps at most ${USER_LIMITS.maxImages}, so none were added` };
  }
  const classNames = [...d.classNames];
  for (const img of images) if (!classNames.includes(img.className)) classNames.push(img.className);
  const old = d.collections.find((c) => c.name === name);
  const pixels = new Uint8Array(((old?.labels.length ?? 0) + images.length) * USER_IMAGE_PIXELS);
  const labels = new Uint8Array((old?.labels.length ?? 0) + images.length);
  if (old) { pixels.set(old.pixels); labels.set(old.labels); }
  const from = old?.labels.length ?? 0;
  images.forEach((img, i) => {
    pixels.set(img.pixels, (from + i) * USER_IMAGE_PIXELS);
    labels[from + i] = classNames.indexOf(img.className);
  });
  const made = { name, role: old?.role ?? role ?? (d.collections.some((c) => c.role === 'id') ? 'ood' : 'id'), pixels, labels } as const;
  const next: UserDataset = {
    ...d, classNames,
    collections: old ? d.collections.map((c) => (c === old ? made : c)) : [...d.collections, made],
  };
  // structural rules only: a dataset being built may still lack a class or a training collection
  const structural = datasetProblems(next).filter((p) => !/needs at least 2 classes|is empty in|it needs \d|no collection is marked|collections are marked/.test(p));
  return structural.length ? { ok: false, message: structural.join('; ') } : { ok: true, dataset: next };
}

/** The dataset with one collection's role changed; a new training collection demotes the old one to OOD. */
export function setRole(d: UserDataset, collection: string, role: CollectionRole): UserDataset {
  return {
    ...d,
    collections: d.collections.map((c) => {
      if (c.name === collection) return { ...c, role };
      return role === 'id' && c.role === 'id' ? { ...c, role: 'ood' } : c;
    }),
  };
}

export function removeCollection(d: UserDataset, collection: string): UserDataset {
  return { ...d, collections: d.collections.filter((c) => c.name !== collection) };
}

/** What config validation needs to know of the page's datasets (their problems included). */
export function userDatasetLookup(datasets: readonly UserDataset[]): DatasetLookup {
  return (id) => {
    const d = datasets.find((x) => x.id === id);
    return d && { ...userDatasetFacts(d), problems: datasetProblems(d) };
  };
}

/** A dataset's training collection as an image set (the shift gallery shows your own images under the shifts). */
export function trainingImageSet(d: UserDataset): ImageSet | null {
  const c = d.collections.find((x) => x.role === 'id');
  if (!c || !c.labels.length) return null;
  return { count: c.labels.length, height: 28, width: 28, channels: 1, numClasses: d.classNames.length, pixels: c.pixels, labels: c.labels };
}
