/**
 * Every shift by id, and the batch entry point the worker calls on a whole packed image set.
 */
import { createRng } from '../rng';
import { BLUR_SHIFTS } from './blur';
import { COLOUR_SHIFTS } from './colour';
import { GEOMETRIC_SHIFTS } from './geometric';
import { NOISE_SHIFTS } from './noise';
import { PATTERN_SHIFTS } from './pattern';
import { PHOTOMETRIC_SHIFTS } from './photometric';
import { RGB_IMAGE_BYTES, SHIFT_IDS, type Severity, type ShiftDefinition, type ShiftId } from './types';

function buildRegistry(): Record<ShiftId, ShiftDefinition> {
  const all = [...GEOMETRIC_SHIFTS, ...NOISE_SHIFTS, ...BLUR_SHIFTS, ...PHOTOMETRIC_SHIFTS, ...COLOUR_SHIFTS, ...PATTERN_SHIFTS];
  const byId = new Map(all.map((s) => [s.id, s]));
  // fail at load time, not mid-experiment, if a shift is missing or defined twice
  if (byId.size !== all.length) throw new Error('shift registry: duplicate shift id');
  const registry = {} as Record<ShiftId, ShiftDefinition>;
  for (const id of SHIFT_IDS) {
    const def = byId.get(id);
    if (!def) throw new Error(`shift registry: no definition for "${id}"`);
    registry[id] = def;
  }
  return registry;
}

export const SHIFTS: Record<ShiftId, ShiftDefinition> = buildRegistry();

export function getShift(id: ShiftId): ShiftDefinition {
  const def = SHIFTS[id];
  if (!def) throw new Error(`unknown shift "${id}"`);
  return def;
}

/** The random stream of one image: named by the image's index, so it ignores the rest of the set. */
export function shiftStreamName(id: ShiftId, severity: Severity, index: number): string {
  return `shift:${id}:${severity}:${index}`;
}

/**
 * Applies a shift to each image of a packed RGB set (count · 2352 bytes) and returns a new set;
 * the input is left untouched.
 */
export function applyShiftToSet(
  rgbPixels: Uint8Array, count: number, id: ShiftId, severity: Severity, seed: number,
): Uint8Array {
  if (rgbPixels.length !== count * RGB_IMAGE_BYTES) {
    throw new Error(`applyShiftToSet: ${rgbPixels.length} bytes for ${count} images of ${RGB_IMAGE_BYTES}`);
  }
  if (!(severity >= 1 && severity <= 5 && Number.isInteger(severity))) {
    throw new Error(`applyShiftToSet: severity ${severity} is not 1–5`);
  }
  const shift = getShift(id);
  const out = new Uint8Array(rgbPixels.length);
  for (let i = 0; i < count; i++) {
    const offset = i * RGB_IMAGE_BYTES;
    // a clamped view over the same memory: no copy of the source image
    const src = new Uint8ClampedArray(rgbPixels.buffer, rgbPixels.byteOffset + offset, RGB_IMAGE_BYTES);
    out.set(shift.apply(src, severity, createRng(seed, shiftStreamName(id, severity, i))), offset);
  }
  return out;
}
