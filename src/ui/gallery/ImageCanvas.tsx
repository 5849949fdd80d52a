import { useEffect, useRef } from 'react';
import { SHIFT_IMAGE_SIZE } from '../../engine/shifts/types';
import { rgbToRgba } from './galleryImages';

/** One 28×28 image drawn at its own resolution; CSS scales it up with crisp pixels. */
export function ImageCanvas({ pixels, index, label }: { pixels: Uint8Array; index: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(rgbToRgba(pixels, index), SHIFT_IMAGE_SIZE, SHIFT_IMAGE_SIZE), 0, 0);
  }, [pixels, index]);
  return <canvas ref={ref} className="gallery__image" width={SHIFT_IMAGE_SIZE} height={SHIFT_IMAGE_SIZE} role="img" aria-label={label} />;
}
