/**
 * Distribution shifts (the OOD domains): deterministic, seeded transforms of one 28×28 RGB image.
 * Every model takes 3-channel input so that colour shifts are possible; grey images are
 * replicated into R=G=B before shifting (src/engine/data/colour.ts).
 */
import type { Rng } from '../rng';

export const SHIFT_IMAGE_SIZE = 28;
export const SHIFT_CHANNELS = 3;
export const RGB_IMAGE_BYTES = SHIFT_IMAGE_SIZE * SHIFT_IMAGE_SIZE * SHIFT_CHANNELS;

/** One image, row-major, channels last (R, G, B), 2352 bytes. */
export type RgbImage = Uint8ClampedArray;

export type Severity = 1 | 2 | 3 | 4 | 5;

export const SHIFT_IDS = [
  'rotation', 'inversion', 'gaussian-noise', 'blur', 'contrast', 'brightness', 'translation', 'scale',
  'colour-tint', 'coloured-background',
  // MNIST-C families (Mu & Gilmer, 2019)
  'shot-noise', 'impulse-noise', 'motion-blur', 'shear', 'stripe', 'fog', 'zigzag', 'dotted-line', 'canny-edges',
] as const;
export type ShiftId = (typeof SHIFT_IDS)[number];

export type ShiftGroup = 'geometric' | 'noise' | 'blur' | 'photometric' | 'colour' | 'pattern';

export interface ShiftDefinition {
  id: ShiftId;
  label: string;
  group: ShiftGroup;
  /** one plain sentence for the page, saying what severity changes */
  description: string;
  /** whether the output depends on the random stream (false: the same for every seed) */
  stochastic: boolean;
  /** a new image; `src` is never modified. Deterministic given (src, severity, rng state). */
  apply(src: RgbImage, severity: Severity, rng: Rng): RgbImage;
}

/** One parameter value per severity, 1 to 5. */
export type SeverityTable<T> = readonly [T, T, T, T, T];

export function atSeverity<T>(table: SeverityTable<T>, severity: Severity): T {
  return table[severity - 1];
}
