/**
 * Which files of a folder or zip are which class, decided from their paths before any image is
 * decoded: the folder that holds a picture names its class ("digits/7/a.png" is a 7). Pure, so the
 * rules are unit-tested. Refusals (one class, an empty class, too many images) come here, before
 * anything is read; files that are not pictures (by extension) are skipped and listed.
 */
import { USER_LIMITS } from '../../engine/data/user/userDataset';

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'] as const;

export interface PlannedImage { path: string; className: string }

export type ImportPlan =
  | { ok: true; classes: string[]; images: PlannedImage[]; skipped: string[] }
  | { ok: false; message: string };

const parts = (path: string) => path.split('/').filter(Boolean);
/** macOS zips carry a __MACOSX copy and .DS_Store files: not the user's pictures, not worth a word */
const isNoise = (path: string) => parts(path).some((p) => p === '__MACOSX' || p === '.DS_Store' || p.startsWith('._'));

export function isImagePath(path: string): boolean {
  const ext = path.toLowerCase().split('.').pop() ?? '';
  return (IMAGE_EXTENSIONS as readonly string[]).includes(ext);
}

/**
 * @param paths every file, '/'-separated ("root/cat/1.png"); @param folders folders seen without
 * files (a zip's empty directory entries); @param room images the dataset can still take
 */
export function planImport(paths: readonly string[], folders: readonly string[] = [], room: number = USER_LIMITS.maxImages): ImportPlan {
  const images: PlannedImage[] = [];
  const skipped: string[] = [];
  const classFolders = new Set<string>();
  for (const path of paths) {
    if (isNoise(path)) continue;
    const p = parts(path);
    if (p.length < 2) { skipped.push(path); continue; } // a loose file beside the class folders
    const className = p[p.length - 2];
    classFolders.add(className);
    if (isImagePath(path)) images.push({ path, className });
    else skipped.push(path);
  }
  for (const f of folders) {
    const dir = `${parts(f).join('/')}/`;
    const leaf = !folders.some((g) => g !== f && `${parts(g).join('/')}/`.startsWith(dir));
    // a folder with nothing in it at all: an empty class
    if (leaf && !isNoise(f) && dir !== '/' && !paths.some((p) => p.startsWith(dir))) classFolders.add(parts(f).pop()!);
  }
  const classes = [...classFolders];
  const withImages = new Set(images.map((i) => i.className));
  const empty = classes.filter((c) => !withImages.has(c));
  if (empty.length) return { ok: false, message: `class folder${empty.length > 1 ? 's' : ''} ${empty.map((c) => `"${c}"`).join(', ')} hold${empty.length > 1 ? '' : 's'} no PNG, JPEG or WebP images; nothing was imported` };
  if (withImages.size < 2) {
    const only = [...withImages][0];
    return { ok: false, message: only
      ? `found one class folder ("${only}"): a classifier needs at least 2; put each class's images in its own sub-folder; nothing was imported`
      : 'found no PNG, JPEG or WebP images in class sub-folders (one sub-folder per class); nothing was imported' };
  }
  if (images.length > room) {
    return { ok: false, message: `${images.length} images: a dataset keeps at most ${USER_LIMITS.maxImages}${room < USER_LIMITS.maxImages ? ` and this one has room for ${room} more` : ''}; nothing was imported` };
  }
  // classes in natural order ("2" before "10"), whatever order the browser listed the files in
  const order = new Intl.Collator(undefined, { numeric: true });
  const sorted = [...withImages].sort(order.compare);
  images.sort((a, b) => sorted.indexOf(a.className) - sorted.indexOf(b.className) || order.compare(a.path, b.path));
  return { ok: true, classes: sorted, images, skipped };
}

/** "skipped 2 files that are not PNG, JPEG or WebP images: notes.txt, a.gif" */
export function skippedNote(skipped: readonly string[]): string | undefined {
  if (!skipped.length) return undefined;
  const names = skipped.slice(0, 3).map((p) => parts(p).pop()).join(', ');
  return `skipped ${skipped.length} file${skipped.length > 1 ? 's' : ''} that ${skipped.length > 1 ? 'are' : 'is'} not a PNG, JPEG or WebP image in a class folder: ${names}${skipped.length > 3 ? ', …' : ''}`;
}
