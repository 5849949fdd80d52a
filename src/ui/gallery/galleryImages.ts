/**
 * The shift gallery's images: a few fixed test images of the target dataset, clean and under each
 * selected shift. Pure (no DOM), so it is unit-tested; the canvas only copies the bytes.
 */
import type { ImageSet } from '../../engine/data/binaryFormat';
import { greyToRgb } from '../../engine/data/colour';
import { applyShiftToSet } from '../../engine/shifts/registry';
import { RGB_IMAGE_BYTES, SHIFT_IMAGE_SIZE, type Severity, type ShiftId } from '../../engine/shifts/types';
import { SHIFTS } from '../../engine/shifts/registry';

export const GALLERY_IMAGES = 6;
/** fixed, so the same images look the same on every visit */
export const GALLERY_SEED = 7;

/** The first image of class 0, 1, 2, …: fixed and easy to tell apart; topped up in order if classes are few. */
export function pickGalleryIndices(labels: Uint8Array, count = GALLERY_IMAGES): number[] {
  const picked: number[] = [];
  for (let cls = 0; picked.length < count && cls < 256; cls++) {
    const i = labels.indexOf(cls);
    if (i >= 0) picked.push(i);
  }
  for (let i = 0; picked.length < Math.min(count, labels.length) && i < labels.length; i++) {
    if (!picked.includes(i)) picked.push(i);
  }
  return picked;
}

/** The picked images as one packed RGB set (what the shifts take). */
export function galleryRgb(set: ImageSet, indices: readonly number[]): Uint8Array {
  if (set.height !== SHIFT_IMAGE_SIZE || set.width !== SHIFT_IMAGE_SIZE) {
    throw new Error(`gallery: images are ${set.height}×${set.width}, expected ${SHIFT_IMAGE_SIZE}×${SHIFT_IMAGE_SIZE}`);
  }
  const perImage = set.height * set.width * set.channels;
  const raw = new Uint8Array(indices.length * perImage);
  indices.forEach((idx, k) => raw.set(set.pixels.subarray(idx * perImage, (idx + 1) * perImage), k * perImage));
  if (set.channels === 3) return raw;
  if (set.channels === 1) return greyToRgb(raw, indices.length, perImage);
  throw new Error(`gallery: ${set.channels} channels not supported`);
}

export interface GalleryRow {
  id: 'clean' | ShiftId;
  label: string;
  description: string;
  /** count · 2352 bytes, RGB */
  pixels: Uint8Array;
}

export function galleryRows(rgb: Uint8Array, count: number, shifts: readonly ShiftId[], severity: Severity, seed = GALLERY_SEED): GalleryRow[] {
  const rows: GalleryRow[] = [{ id: 'clean', label: 'Clean', description: 'The test images as they are (in distribution).', pixels: rgb }];
  for (const id of shifts) {
    const def = SHIFTS[id];
    rows.push({ id, label: def.label, description: def.description, pixels: applyShiftToSet(rgb, count, id, severity, seed) });
  }
  return rows;
}

/** One image of a packed RGB set as RGBA bytes for ImageData. */
export function rgbToRgba(rgb: Uint8Array, index: number): Uint8ClampedArray<ArrayBuffer> {
  const pixels = RGB_IMAGE_BYTES / 3;
  const out = new Uint8ClampedArray(pixels * 4);
  const base = index * RGB_IMAGE_BYTES;
  for (let p = 0; p < pixels; p++) {
    out[p * 4] = rgb[base + p * 3];
    out[p * 4 + 1] = rgb[base + p * 3 + 1];
    out[p * 4 + 2] = rgb[base + p * 3 + 2];
    out[p * 4 + 3] = 255;
  }
  return out;
}
