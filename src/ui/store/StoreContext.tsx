/** Hands the one playground store to components; `usePlayground(selector)` reads a slice of it. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PlaygroundState, PlaygroundStore } from './playgroundStore';

const StoreContext = createContext<PlaygroundStore | null>(null);

export function PlaygroundProvider({ store, children }: { store: PlaygroundStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePlayground must be used inside <PlaygroundProvider>');
  return store;
}

/** Selectors must return stable values (a field, not a new object), or the component re-renders forever. */
export function usePlayground<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), selector);
}
