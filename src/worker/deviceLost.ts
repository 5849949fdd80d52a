/**
 * Tells when the WebGPU device under TF.js is lost (a driver reset, the GPU process restarting, the
 * device destroyed). TF.js does not watch for it: its next readback would fail or never finish.
 */
import * as tf from '@tensorflow/tfjs';

interface LostInfo { reason?: string; message?: string }

/** Resolves with the reason once the device is lost; never, where TF.js runs on no WebGPU device. */
export function watchDeviceLost(): Promise<string> {
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<LostInfo> } }).device;
  if (!device?.lost) return new Promise<string>(() => undefined);
  return device.lost.then((info) => {
    const why = [info?.reason && info.reason !== 'unknown' ? info.reason : '', info?.message ?? ''].filter(Boolean).join(': ');
    return why || 'no reason given';
  });
}
