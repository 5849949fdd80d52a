export * from './types';
export { SHIFTS, getShift, applyShiftToSet, shiftStreamName } from './registry';
export { ROTATION_DEGREES, TRANSLATION_PIXELS, SCALE_FACTORS, SHEAR_FACTORS } from './geometric';
export { GAUSSIAN_NOISE_SIGMA, SHOT_NOISE_PHOTONS, IMPULSE_NOISE_AMOUNT } from './noise';
export { BLUR_SIGMA, MOTION_BLUR_LENGTH } from './blur';
export { INVERSION_AMOUNT, CONTRAST_FACTOR, BRIGHTNESS_OFFSET, FOG_STRENGTH, FOG_DECAY } from './photometric';
export { TINT_STRENGTH, BACKGROUND_VALUE } from './colour';
export { STRIPE_WIDTH, ZIGZAG_COUNT, ZIGZAG_AMPLITUDE, DOTTED_LINE_COUNT, CANNY_BLEND } from './pattern';
