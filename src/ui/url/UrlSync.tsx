/**
 * Keeps the address bar in step with the setup: the config's non-default values, the pinned backend, the view
 * options and the active scenario with its size, written with history.replaceState (no new history entry per
 * keystroke), debounced. A config that does not pass the schema (a half-typed number) leaves the
 * last good link in place.
 */
import { useEffect } from 'react';
import { usePlaygroundStore } from '../store/StoreContext';
import { useShareStore } from './shareStore';
import { currentSearch } from './urlState';

export const URL_WRITE_DELAY_MS = 250;

export function UrlSync() {
  const store = usePlaygroundStore();
  const share = useShareStore();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      const search = currentSearch(store.getState().config, share.getState(), store.getState().backendChoice);
      if (search === null || search === window.location.search) return;
      try {
        window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
      } catch {
        // some embedding contexts refuse history updates; the page works without them
      }
    };
    const schedule = () => { clearTimeout(timer); timer = setTimeout(write, URL_WRITE_DELAY_MS); };
    const offConfig = store.subscribe((s, prev) => { if (s.config !== prev.config || s.backendChoice !== prev.backendChoice) schedule(); });
    const offShare = share.subscribe((s, prev) => { if (s.preset !== prev.preset || s.size !== prev.size || s.view !== prev.view) schedule(); });
    schedule();
    return () => { offConfig(); offShare(); clearTimeout(timer); };
  }, [store, share]);
  return null;
}
