/**
 * Colour shifts: the only shifts that make R, G and B differ, which a model trained on grey
 * digits has never seen. The hue is random per image.
 */
import { C, hueToRgb, linearMap, newImage } from './imageOps';
import { RGB_IMAGE_BYTES, atSeverity, type SeverityTable, type ShiftDefinition } from './types';

/** How far each channel's gain moves toward the tint colour: gain = 1 − s·(1 − tint). */
export const TINT_STRENGTH: SeverityTable<number> = [0.25, 0.4, 0.55, 0.7, 0.85];
/** Brightness (HSV value) of the background colour; saturation is drawn in [0.5, 1]. */
export const BACKGROUND_VALUE: SeverityTable<number> = [0.3, 0.45, 0.6, 0.75, 0.9];

const hue = new Float32Array(3);

export const colourTint: ShiftDefinition = {
  id: 'colour-tint',
  label: 'Colour tint',
  group: 'colour',
  description: 'Views the image through a coloured filter of random hue, removing 25 % of the missing colours at severity 1 up to 85 % at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const s = atSeverity(TINT_STRENGTH, severity);
    hueToRgb(rng.uniform(0, 360), hue);
    return linearMap(src, [1 - s * (1 - hue[0]), 1 - s * (1 - hue[1]), 1 - s * (1 - hue[2])], [0, 0, 0]);
  },
};

export const colouredBackground: ShiftDefinition = {
  id: 'coloured-background',
  label: 'Coloured background',
  group: 'colour',
  description: 'Paints the dark background a random colour and keeps the bright stroke, from a dim colour at severity 1 to a bright one at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const value = atSeverity(BACKGROUND_VALUE, severity);
    hueToRgb(rng.uniform(0, 360), hue);
    const sat = rng.uniform(0.5, 1);
    const bg0 = 255 * value * (1 - sat * (1 - hue[0]));
    const bg1 = 255 * value * (1 - sat * (1 - hue[1]));
    const bg2 = 255 * value * (1 - sat * (1 - hue[2]));
    const out = newImage();
    for (let i = 0; i < RGB_IMAGE_BYTES; i += C) {
      // the brightest channel is the stroke's opacity: black shows the background, white covers it
      const r = src[i], g = src[i + 1], b = src[i + 2];
      const clear = 1 - Math.max(r, g, b) / 255;
      out[i] = r + clear * bg0;
      out[i + 1] = g + clear * bg1;
      out[i + 2] = b + clear * bg2;
    }
    return out;
  },
};

export const COLOUR_SHIFTS = [colourTint, colouredBackground];
