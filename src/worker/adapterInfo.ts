/**
 * What a WebGPU adapter is, in words, and whether it renders in software. A software adapter
 * (SwiftShader, llvmpipe, lavapipe, Microsoft Basic Render Driver) runs WebGPU on the CPU, several
 * times slower for our training step than TF.js's wasm backend on the same cores, so auto
 * selection passes it by. Pure: unit-tested without a browser.
 */

/** The fields of GPUAdapterInfo we read (TS's DOM lib may lack WebGPU types). */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  /** set by newer browsers for an adapter that is a CPU fallback */
  isFallbackAdapter?: boolean;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i;

/** "google swiftshader", "nvidia ampere", or "unknown adapter" when the browser tells nothing. */
export function describeAdapter(info: AdapterInfoLike | undefined): string {
  const parts = [info?.vendor, info?.architecture, info?.description].map((p) => p?.trim()).filter(Boolean);
  return [...new Set(parts)].join(' ') || 'unknown adapter';
}

export function isSoftwareAdapter(info: AdapterInfoLike | undefined): boolean {
  if (info?.isFallbackAdapter === true) return true;
  return [info?.vendor, info?.architecture, info?.device, info?.description].some((field) => !!field && SOFTWARE_NAMES.test(field));
}
