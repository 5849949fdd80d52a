/**
 * Size limits for user models, checked on the page before any file is read and again in the
 * engine. The page keeps every byte in memory (File API) and trains in the browser, so the limits
 * are what one tab can hold and train at an interactive pace.
 */
import { ModelProblem } from './problem';

const MB = 1024 * 1024;

export const BYO_LIMITS = {
  /** a layers-model topology is tens of kB; megabytes of JSON are not a model description */
  modelJsonBytes: 5 * MB,
  /** all files together: the weights, a θ0 copy and optimiser state must fit in GPU memory */
  totalBytes: 200 * MB,
  /** every training step runs on the user's GPU; beyond this a step takes too long to watch */
  parameters: 20_000_000,
} as const;

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} bytes`;
}

export function checkModelJsonSize(name: string, bytes: number): void {
  if (bytes > BYO_LIMITS.modelJsonBytes) {
    throw new ModelProblem('oversized',
      `${name} is ${formatBytes(bytes)}; the limit is ${formatBytes(BYO_LIMITS.modelJsonBytes)}. ` +
      'A layers-model description is usually well under 1 MB, so this file is probably not one (or has weights embedded in it).');
  }
}

export function checkTotalSize(bytes: number): void {
  if (bytes > BYO_LIMITS.totalBytes) {
    throw new ModelProblem('oversized',
      `the model's files add up to ${formatBytes(bytes)}; the limit is ${formatBytes(BYO_LIMITS.totalBytes)}, ` +
      'so the weights, a copy of the pretrained weights and the optimiser state fit in the browser\'s GPU memory.');
  }
}

export function checkParameterCount(count: number): void {
  if (count > BYO_LIMITS.parameters) {
    throw new ModelProblem('oversized',
      `the model has ${(count / 1e6).toFixed(1)} M parameters; the limit is ${BYO_LIMITS.parameters / 1e6} M, ` +
      'because every training step runs on your own GPU and a bigger network would take too long per step.');
  }
}

/** The page's check before reading anything: sizes come from the File objects or Content-Length. */
export function checkUploadSizes(files: readonly { name: string; size: number }[], modelJsonName: string): void {
  const json = files.find((f) => f.name === modelJsonName);
  if (json) checkModelJsonSize(json.name, json.size);
  checkTotalSize(files.reduce((n, f) => n + f.size, 0));
}
