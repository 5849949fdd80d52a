import { describe, expect, it } from 'vitest';
import type { ImageSet } from '../../engine/data/binaryFormat';
import { RGB_IMAGE_BYTES } from '../../engine/shifts/types';
import { galleryRgb, galleryRows, pickGalleryIndices, rgbToRgba } from './galleryImages';

function greySet(labels: number[]): ImageSet {
  const pixels = new Uint8Array(labels.length * 784);
  labels.forEach((_, i) => pixels.fill(i * 10, i * 784, (i + 1) * 784));
  return { count: labels.length, height: 28, width: 28, channels: 1, numClasses: 10, pixels, labels: Uint8Array.from(labels) };
}

describe('gallery images', () => {
  it('picks the first image of each class, in class order', () => {
    expect(pickGalleryIndices(Uint8Array.from([3, 0, 1, 0, 2, 5, 4, 1]), 6)).toEqual([1, 2, 4, 0, 6, 5]);
  });

  it('tops up with the first unused images when there are few classes', () => {
    expect(pickGalleryIndices(Uint8Array.from([1, 1, 0, 0]), 3)).toEqual([2, 0, 1]);
    expect(pickGalleryIndices(Uint8Array.from([0]), 6)).toEqual([0]);
  });

  it('turns grey images into RGB and keeps their order', () => {
    const rgb = galleryRgb(greySet([0, 1, 2]), [2, 0]);
    expect(rgb.length).toBe(2 * RGB_IMAGE_BYTES);
    expect(rgb[0]).toBe(20);
    expect(rgb[RGB_IMAGE_BYTES]).toBe(0);
  });

  it('has a clean row then one row per shift, deterministically', () => {
    const rgb = galleryRgb(greySet([0, 1]), [0, 1]);
    const rows = galleryRows(rgb, 2, ['rotation', 'gaussian-noise'], 3);
    expect(rows.map((r) => r.id)).toEqual(['clean', 'rotation', 'gaussian-noise']);
    expect(rows[2].pixels.length).toBe(rgb.length);
    expect(galleryRows(rgb, 2, ['gaussian-noise'], 3)[1].pixels).toEqual(rows[2].pixels);
    expect(rows[1].label).toBe('Rotation');
  });

  it('converts to RGBA with an opaque alpha', () => {
    const rgba = rgbToRgba(Uint8Array.from({ length: RGB_IMAGE_BYTES }, (_, i) => i % 3 === 0 ? 9 : 1), 0);
    expect(Array.from(rgba.slice(0, 4))).toEqual([9, 1, 1, 255]);
    expect(rgba.length).toBe(784 * 4);
  });
});
