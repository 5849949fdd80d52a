/** Pictures exactly as the network sees them: 28×28 grey, drawn pixel for pixel (CSS scales them up crisply). */
import { useEffect, useRef } from 'react';
import { USER_IMAGE_PIXELS, USER_IMAGE_SIDE } from '../../engine/data/user/userDataset';

export function GreyImage({ pixels, label }: { pixels: Uint8Array; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const rgba = new Uint8ClampedArray(USER_IMAGE_PIXELS * 4);
    for (let i = 0; i < USER_IMAGE_PIXELS; i++) rgba.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    ctx.putImageData(new ImageData(rgba, USER_IMAGE_SIDE, USER_IMAGE_SIDE), 0, 0);
  }, [pixels]);
  return <canvas ref={ref} className="own-images__thumb" width={USER_IMAGE_SIDE} height={USER_IMAGE_SIDE} role="img" aria-label={label} />;
}

/** The first images of a collection, one per class first, with their class names. */
export function GreyStrip({ pixels, labels, classNames, max = 12 }: { pixels: Uint8Array; labels: Uint8Array; classNames: readonly string[]; max?: number }) {
  const rows: number[] = [];
  for (let c = 0; c < classNames.length && rows.length < max; c++) { const i = labels.indexOf(c); if (i >= 0) rows.push(i); }
  for (let i = 0; i < labels.length && rows.length < max; i++) if (!rows.includes(i)) rows.push(i);
  return (
    <div className="own-images__strip">
      {rows.map((i) => (
        <GreyImage key={i} pixels={pixels.subarray(i * USER_IMAGE_PIXELS, (i + 1) * USER_IMAGE_PIXELS)} label={`what the network sees: ${classNames[labels[i]]}`} />
      ))}
    </div>
  );
}
