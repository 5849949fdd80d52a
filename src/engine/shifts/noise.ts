/**
 * Pixel noise, parameters from MNIST-C. One random draw per pixel is shared by its three channels:
 * the noise is grey (a grey image stays grey) and costs a third of the draws.
 */
import { C, PIXELS, addPlane, newImage, newPlane } from './imageOps';
import { atSeverity, type SeverityTable, type ShiftDefinition } from './types';

/** Standard deviation as a fraction of full scale (MNIST-C). */
export const GAUSSIAN_NOISE_SIGMA: SeverityTable<number> = [0.08, 0.12, 0.18, 0.26, 0.38];
/** Photons at full brightness: fewer photons, relatively more noise (MNIST-C). */
export const SHOT_NOISE_PHOTONS: SeverityTable<number> = [60, 25, 12, 5, 3];
/** Fraction of pixels set to black or white, half each (MNIST-C). */
export const IMPULSE_NOISE_AMOUNT: SeverityTable<number> = [0.03, 0.06, 0.09, 0.17, 0.27];

const noisePlane = newPlane();

export const gaussianNoise: ShiftDefinition = {
  id: 'gaussian-noise',
  label: 'Gaussian noise',
  group: 'noise',
  description: 'Adds grainy grey noise to every pixel, with a standard deviation of 8 % of full brightness at severity 1 up to 38 % at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    for (let p = 0; p < PIXELS; p++) noisePlane[p] = rng.normal();
    return addPlane(src, noisePlane, 1, atSeverity(GAUSSIAN_NOISE_SIGMA, severity) * 255);
  },
};

/**
 * Poisson sample by walking the CDF from a single uniform. The same (u, λ) always gives the same
 * count, so equal channels get equal noise; λ ≤ 60 keeps the walk short.
 */
function poissonFromUniform(u: number, lambda: number): number {
  if (lambda <= 0) return 0;
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
    if (p < 1e-300 && k > lambda) break; // u sits in a tail beyond double precision
  }
  return k;
}

export const shotNoise: ShiftDefinition = {
  id: 'shot-noise',
  label: 'Shot noise',
  group: 'noise',
  description: 'Simulates photon counting: bright pixels flicker with Poisson noise, from 60 photons at full brightness at severity 1 down to 3 at severity 5; black stays black.',
  stochastic: true,
  apply(src, severity, rng) {
    const photons = atSeverity(SHOT_NOISE_PHOTONS, severity);
    const scale = 255 / photons;
    const out = newImage();
    for (let i = 0; i < PIXELS * C; i += C) {
      const u = rng.next();
      const r = src[i], g = src[i + 1], b = src[i + 2];
      const nr = poissonFromUniform(u, (r / 255) * photons) * scale;
      out[i] = nr;
      out[i + 1] = g === r ? nr : poissonFromUniform(u, (g / 255) * photons) * scale;
      out[i + 2] = b === r ? nr : poissonFromUniform(u, (b / 255) * photons) * scale;
    }
    return out;
  },
};

export const impulseNoise: ShiftDefinition = {
  id: 'impulse-noise',
  label: 'Impulse noise',
  group: 'noise',
  description: 'Salt-and-pepper: turns 3 % of the pixels pure white or black at severity 1, up to 27 % at severity 5.',
  stochastic: true,
  apply(src, severity, rng) {
    const amount = atSeverity(IMPULSE_NOISE_AMOUNT, severity);
    const out = new Uint8ClampedArray(src);
    for (let i = 0; i < PIXELS * C; i += C) {
      const u = rng.next();
      if (u >= amount) continue;
      const v = u < amount / 2 ? 255 : 0;
      out[i] = v; out[i + 1] = v; out[i + 2] = v;
    }
    return out;
  },
};

export const NOISE_SHIFTS = [gaussianNoise, shotNoise, impulseNoise];
