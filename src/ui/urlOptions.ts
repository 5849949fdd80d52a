/** Options read from the page URL. `?backend=webgpu|webgl|cpu` starts the worker's fallback chain there (tests use it). */
import type { BackendName } from '../protocol/messages';

const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

export function backendFromUrl(search: string): BackendName | undefined {
  const value = new URLSearchParams(search).get('backend');
  return value && (BACKENDS as readonly string[]).includes(value) ? (value as BackendName) : undefined;
}
