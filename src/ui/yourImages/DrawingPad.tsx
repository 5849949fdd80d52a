/** Draw an example with the mouse, pen or finger; each drawing is added under the class named beside it. */
import { useRef, useState, type PointerEvent } from 'react';
import { drawableToNetwork } from './decodeImages';
import { GreyImage } from './GreyImages';

const SIZE = 200;

export function DrawingPad({ onAdd, disabled }: { onAdd(pixels: Uint8Array): void; disabled: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [inked, setInked] = useState(false);
  const [seen, setSeen] = useState<Uint8Array | null>(null);
  const ctx = () => ref.current!.getContext('2d', { willReadFrequently: true })!;
  const clear = () => {
    const c = ctx();
    c.fillStyle = '#fff';
    c.fillRect(0, 0, SIZE, SIZE);
    setInked(false);
    setSeen(null);
  };
  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = ref.current!.getBoundingClientRect();
    return [((e.clientX - r.left) * SIZE) / r.width, ((e.clientY - r.top) * SIZE) / r.height] as const;
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!inked && !seen) clear();
    drawing.current = true;
    ref.current!.setPointerCapture?.(e.pointerId);
    const c = ctx();
    c.strokeStyle = '#000'; c.lineWidth = 16; c.lineCap = 'round'; c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(...at(e));
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const c = ctx();
    c.lineTo(...at(e));
    c.stroke();
    setInked(true);
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setSeen(drawableToNetwork(ref.current!, SIZE, SIZE));
  };
  return (
    <div className="own-images__pad">
      <canvas ref={ref} width={SIZE} height={SIZE} className="own-images__canvas" data-testid="drawing-pad" aria-label="Drawing pad: draw one example"
        onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerLeave={up} />
      <div className="own-images__pad-side">
        <div>The network sees: {seen ? <GreyImage pixels={seen} label="the drawing as the network sees it" /> : <span className="muted">(draw something)</span>}</div>
        <button type="button" className="btn btn--primary" disabled={disabled || !inked || !seen} onClick={() => { onAdd(seen!); clear(); }}>Add drawing</button>
        <button type="button" className="btn" onClick={clear}>Clear</button>
      </div>
    </div>
  );
}
