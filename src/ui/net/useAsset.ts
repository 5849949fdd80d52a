/**
 * Loads a site file once per key and shares it between components and re-renders; the state
 * says loading (with progress), ready or error, so every panel shows the same three states.
 */
import { useEffect, useState } from 'react';

export type AssetState<T> =
  | { state: 'loading'; progress: number }
  | { state: 'ready'; value: T }
  | { state: 'error'; message: string };

interface Entry<T> { promise: Promise<T>; progress: number; listeners: Set<(p: number) => void>; settled?: AssetState<T> }

export function createAssetCache<T>(load: (key: string, onProgress: (fraction: number) => void) => Promise<T>) {
  const entries = new Map<string, Entry<T>>();

  function entry(key: string): Entry<T> {
    let e = entries.get(key);
    if (!e) {
      const created: Entry<T> = { progress: 0, listeners: new Set(), promise: Promise.resolve() as Promise<T> };
      created.promise = load(key, (p) => { created.progress = p; created.listeners.forEach((l) => l(p)); });
      created.promise.then(
        (value) => { created.settled = { state: 'ready', value }; },
        (err: unknown) => {
          created.settled = { state: 'error', message: err instanceof Error ? err.message : String(err) };
          entries.delete(key); // a later visit may retry
        },
      );
      entries.set(key, created);
      e = created;
    }
    return e;
  }

  return function useAsset(key: string): AssetState<T> {
    const [state, setState] = useState<AssetState<T>>(() => entries.get(key)?.settled ?? { state: 'loading', progress: 0 });
    useEffect(() => {
      const e = entry(key);
      if (e.settled) { setState(e.settled); return; }
      let live = true;
      setState({ state: 'loading', progress: e.progress });
      const onProgress = (progress: number) => { if (live) setState({ state: 'loading', progress }); };
      e.listeners.add(onProgress);
      e.promise.then(
        (value) => { if (live) setState({ state: 'ready', value }); },
        (err: unknown) => { if (live) setState({ state: 'error', message: err instanceof Error ? err.message : String(err) }); },
      );
      return () => { live = false; e.listeners.delete(onProgress); };
    }, [key]);
    return state;
  };
}
