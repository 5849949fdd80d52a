/**
 * Geometric shifts: the digit moves, the pixel values do not change (apart from interpolation).
 * Magnitudes follow MNIST-C where it keeps digits legible; the direction is random per image.
 */
import { randomSign, translateInteger, warpAffine } from './imageOps';
import { atSeverity, type SeverityTable, type ShiftDefinition } from './types';

/** Rotation angle in degrees; MNIST-C uses 11.5°–57°. */
export const ROTATION_DEGREES: SeverityTable<number> = [12, 24, 36, 48, 60];
/** Shift in pixels along each axis (so a diagonal move), as in MNIST-C. */
export const TRANSLATION_PIXELS: SeverityTable<number> = [1, 2, 3, 4, 5];
/** Zoom factor; each image is zoomed in by it or out by its inverse. MNIST-C zooms in up to 2×,
 *  which crops most digits; 1.8 keeps most of the stroke in frame. */
export const SCALE_FACTORS: SeverityTable<number> = [1.15, 1.3, 1.45, 1.6, 1.8];
/** Horizontal shear: x moves by k·(y − centre). */
export const SHEAR_FACTORS: SeverityTable<number> = [0.15, 0.3, 0.45, 0.6, 0.8];

export const rotation: ShiftDefinition = {
  id: 'rotation',
  label: 'Rotation',
  group: 'geometric',
  description: 'Turns the image about its centre, clockwise or anticlockwise, by 12° at severity 1 up to 60° at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const theta = (randomSign(rng) * atSeverity(ROTATION_DEGREES, severity) * Math.PI) / 180;
    const cos = Math.cos(theta), sin = Math.sin(theta);
    return warpAffine(src, cos, -sin, sin, cos);
  },
};

export const translation: ShiftDefinition = {
  id: 'translation',
  label: 'Translation',
  group: 'geometric',
  description: 'Moves the image diagonally by 1 pixel per axis at severity 1 up to 5 pixels at severity 5; the uncovered edge turns black.',
  stochastic: true,
  apply(src, severity, rng) {
    const d = atSeverity(TRANSLATION_PIXELS, severity);
    return translateInteger(src, randomSign(rng) * d, randomSign(rng) * d);
  },
};

export const scale: ShiftDefinition = {
  id: 'scale',
  label: 'Scale',
  group: 'geometric',
  description: 'Zooms in or out about the centre, by 1.15× at severity 1 up to 1.8× at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const factor = atSeverity(SCALE_FACTORS, severity);
    const s = rng.next() < 0.5 ? factor : 1 / factor;
    return warpAffine(src, s, 0, 0, s);
  },
};

export const shear: ShiftDefinition = {
  id: 'shear',
  label: 'Shear',
  group: 'geometric',
  description: 'Slants the image sideways, left or right, with a shear factor of 0.15 at severity 1 up to 0.8 at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const k = randomSign(rng) * atSeverity(SHEAR_FACTORS, severity);
    return warpAffine(src, 1, k, 0, 1);
  },
};

export const GEOMETRIC_SHIFTS = [rotation, translation, scale, shear];
