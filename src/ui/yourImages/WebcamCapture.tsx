/**
 * The webcam, as Teachable Machine does it: hold the button to record frames of one class (about
 * six a second). The camera is asked for only when the user presses Start; a refusal says how to
 * allow it, and what else works without it. Frames never leave the page.
 */
import { useEffect, useRef, useState } from 'react';
import { drawableToNetwork } from './decodeImages';
import { GreyImage } from './GreyImages';

const FRAME_MS = 160;

export function cameraProblem(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'the camera was refused (permission denied); allow the camera for this site in the browser’s settings and press Start camera again, or use a folder or the drawing pad';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no camera was found on this device; use a folder or the drawing pad';
  if (name === 'NotReadableError') return 'the camera is in use by another program; close it and press Start camera again';
  return `the camera could not start (${name || 'error'}: ${(e as { message?: string } | null)?.message ?? String(e)})`;
}

export function WebcamCapture({ onFrames, onProblem, disabled }: { onFrames(frames: Uint8Array[]): void; onProblem(message: string): void; disabled: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [recording, setRecording] = useState(false);
  const [last, setLast] = useState<Uint8Array | null>(null);
  const frames = useRef<Uint8Array[]>([]);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  useEffect(() => () => stream?.getTracks().forEach((t) => t.stop()), [stream]);

  const start = async () => {
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error('this browser offers no camera to pages'), { name: 'NotFoundError' });
      const s = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: false });
      setStream(s);
      if (video.current) { video.current.srcObject = s; await video.current.play().catch(() => undefined); }
    } catch (e) {
      onProblem(cameraProblem(e));
    }
  };
  const grab = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const pixels = drawableToNetwork(v, v.videoWidth, v.videoHeight);
    frames.current.push(pixels);
    setLast(pixels);
  };
  const begin = () => {
    if (!stream || disabled || timer.current) return;
    frames.current = [];
    setRecording(true);
    grab();
    timer.current = setInterval(grab, FRAME_MS);
  };
  const end = () => {
    if (!timer.current) return;
    clearInterval(timer.current);
    timer.current = null;
    setRecording(false);
    if (frames.current.length) onFrames(frames.current);
    frames.current = [];
  };
  return (
    <div className="own-images__webcam">
      <video ref={video} className="own-images__video" muted playsInline aria-label="Camera picture" hidden={!stream} />
      {!stream && <button type="button" className="btn" onClick={() => void start()}>Start camera</button>}
      {stream && (
        <div className="own-images__pad-side">
          <button type="button" className="btn btn--primary" disabled={disabled} aria-pressed={recording}
            onPointerDown={begin} onPointerUp={end} onPointerLeave={end}
            onKeyDown={(e) => { if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) begin(); }} onKeyUp={end}>
            {recording ? 'Recording… (release to add)' : 'Hold to record'}
          </button>
          <div>Last frame as the network sees it: {last ? <GreyImage pixels={last} label="the last frame as the network sees it" /> : <span className="muted">(none yet)</span>}</div>
        </div>
      )}
    </div>
  );
}
