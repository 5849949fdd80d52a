/** Copies the link to the current setup (the address bar's, kept in step by UrlSync). */
import { useEffect, useState } from 'react';
import { usePlaygroundStore } from '../store/StoreContext';
import { useShareStore } from './shareStore';
import { currentSearch } from './urlState';

export function CopyLinkButton() {
  const store = usePlaygroundStore();
  const share = useShareStore();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async () => {
    const search = currentSearch(store.getState().config, share.getState(), store.getState().backendChoice) ?? window.location.search;
    const url = `${window.location.origin}${window.location.pathname}${search}`;
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      // no clipboard (insecure context, permission): the address bar holds the same link
      window.prompt('Copy this link:', url);
      setState('failed');
    }
  };
  return (
    <button type="button" className="btn btn--small copy-link" data-testid="copy-link" onClick={copy}
      title="Copy a link that opens this page with the same settings (seeds included)">
      {state === 'copied' ? 'Link copied ✓' : 'Copy link'}
    </button>
  );
}
