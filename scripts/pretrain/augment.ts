/** Random style augmentation for pretraining: the shift families at random severities. */
import { PIXELS_RGB, type RgbSet } from '../../src/engine/data/targetData';
import type { Rng } from '../../src/engine/rng';
import { SHIFTS } from '../../src/engine/shifts/registry';
import type { Severity } from '../../src/engine/shifts/types';
import type { PretrainRecipe } from './recipes';

/** Fills `out` (count·2352 bytes) with the rows of `set`, each possibly shifted. */
export function augmentBatch(set: RgbSet, rows: ArrayLike<number>, recipe: PretrainRecipe, rng: Rng, out: Uint8Array): void {
  const a = recipe.augmentation;
  for (let i = 0; i < rows.length; i++) {
    const src = set.pixels.subarray(rows[i] * PIXELS_RGB, (rows[i] + 1) * PIXELS_RGB);
    if (rng.next() < a.probability) {
      const shift = a.shifts[rng.int(0, a.shifts.length - 1)];
      const severity = rng.int(a.minSeverity, a.maxSeverity) as Severity;
      out.set(SHIFTS[shift].apply(new Uint8ClampedArray(src.buffer, src.byteOffset, src.length), severity, rng), i * PIXELS_RGB);
    } else {
      out.set(src, i * PIXELS_RGB);
    }
  }
}
