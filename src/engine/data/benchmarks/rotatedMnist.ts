/**
 * DomainBed's RotatedMNIST (domainbed/datasets.py): six environments of MNIST digits turned
 * anticlockwise by 0°, 15°, 30°, 45°, 60° and 75° (Pillow bilinear, fill 0: pilRotate.ts),
 * 28×28, one grey channel, the ten digit classes. Each environment holds different digits.
 */
import type { GreyPool } from './pool';
import { rotateLikePil } from './pilRotate';

export const ROTATION_ANGLES = [0, 15, 30, 45, 60, 75] as const;

/** One environment's images: the pool rows turned by `angle`, grey, 784 bytes each. */
export function rotateRows(pool: GreyPool, rows: ArrayLike<number>, angle: number): { grey: Uint8Array; labels: Uint8Array } {
  const px = pool.side * pool.side;
  const grey = new Uint8Array(rows.length * px);
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    grey.set(rotateLikePil(pool.pixels.subarray(r * px, (r + 1) * px), pool.side, pool.side, angle), i * px);
    labels[i] = pool.labels[r];
  }
  return { grey, labels };
}
