/**
 * What the page's link says beyond the config: the view options a teacher set (lock, hidden
 * sections), the active teaching scenario, and the link's problems to show. A store of its own,
 * next to the playground store, so the run state stays as it is.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { PresetSize } from '../presets/presets';
import { DEFAULT_VIEW, type HideableSection, type UrlMessage, type ViewOptions } from './urlState';

export interface ShareState {
  /** lock and hidden sections, fixed for the visit */
  view: Omit<ViewOptions, 'preset' | 'size'>;
  /** the active teaching scenario (written to the link as `preset=`) */
  preset: string | null;
  /** its size, Quick or Full (written to the link as `size=` beside the scenario) */
  size: PresetSize;
  /** what the link that opened the page got wrong, or what was converted */
  messages: UrlMessage[];
  setPreset(id: string | null): void;
  /** the presentation view on or off (the link says `view=present`) */
  setPresent(on: boolean): void;
  setSize(size: PresetSize): void;
  dismissMessages(): void;
}

export type ShareStore = StoreApi<ShareState>;

export function createShareStore(initial: { view?: ViewOptions; messages?: UrlMessage[] } = {}): ShareStore {
  const view = initial.view ?? DEFAULT_VIEW;
  return createStore<ShareState>()((set) => ({
    view: { lock: view.lock, hide: view.hide, present: view.present ?? false },
    preset: view.preset,
    size: view.size ?? 'quick',
    messages: initial.messages ?? [],
    setPreset: (preset) => set({ preset }),
    setPresent: (present) => set((s) => ({ view: { ...s.view, present } })),
    setSize: (size) => set({ size }),
    dismissMessages: () => set({ messages: [] }),
  }));
}

/** Used when no provider is mounted (a component rendered on its own): the default view. */
const fallback = createShareStore();
const ShareContext = createContext<ShareStore>(fallback);

export function ShareProvider({ store, children }: { store: ShareStore; children: ReactNode }) {
  return <ShareContext.Provider value={store}>{children}</ShareContext.Provider>;
}

export function useShareStore(): ShareStore {
  return useContext(ShareContext);
}

/** Selectors must return stable values (a field, not a new object). */
export function useShare<T>(selector: (state: ShareState) => T): T {
  return useStore(useShareStore(), selector);
}

export function useHidden(section: HideableSection): boolean {
  return useShare((s) => s.view.hide.includes(section));
}

/** Renders its children unless the link hid `section`. */
export function Hideable({ section, children }: { section: HideableSection; children: ReactNode }) {
  return useHidden(section) ? null : <>{children}</>;
}
