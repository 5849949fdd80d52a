/**
 * Blurs. MNIST-C's gaussian sigmas (up to 6 px) turn a 28 px digit into a smudge, so these stop at
 * 2.4 px; motion blur is a straight, centred streak (constant-speed camera shake) in a random direction.
 */
import { gaussianBlurRgb, imageFromFloat, newRgbFloat, warpAccumulate } from './imageOps';
import { atSeverity, type SeverityTable, type ShiftDefinition } from './types';

/** Gaussian standard deviation in pixels. */
export const BLUR_SIGMA: SeverityTable<number> = [0.8, 1.1, 1.5, 1.9, 2.4];
/** Streak length in pixels, end to end. */
export const MOTION_BLUR_LENGTH: SeverityTable<number> = [3, 5, 6, 8, 10];

export const blur: ShiftDefinition = {
  id: 'blur',
  label: 'Blur',
  group: 'blur',
  description: 'Gaussian blur that softens the strokes, with a radius (sigma) of 0.8 pixels at severity 1 up to 2.4 pixels at severity 5.',
  stochastic: false,
  apply(src, severity) {
    return gaussianBlurRgb(src, atSeverity(BLUR_SIGMA, severity));
  },
};

const streak = newRgbFloat();

export const motionBlur: ShiftDefinition = {
  id: 'motion-blur',
  label: 'Motion blur',
  group: 'blur',
  description: 'Smears the image along a random direction, as if the camera moved, over 3 pixels at severity 1 up to 10 pixels at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const length = atSeverity(MOTION_BLUR_LENGTH, severity);
    const angle = rng.uniform(0, Math.PI);
    const ux = Math.cos(angle), uy = Math.sin(angle);
    streak.fill(0);
    // samples every half pixel from −(L−1)/2 to +(L−1)/2: centred on the stroke, and dense enough
    // that a thin stroke smears smoothly instead of leaving separate ghost copies
    const taps = 2 * (length - 1) + 1;
    for (let i = 0; i < taps; i++) {
      const t = i / 2 - (length - 1) / 2;
      warpAccumulate(src, streak, 1, 0, 0, 1, t * ux, t * uy, 1 / taps);
    }
    return imageFromFloat(streak);
  },
};

export const BLUR_SHIFTS = [blur, motionBlur];
