/**
 * Where the user's own image datasets are kept: IndexedDB (idb-keyval), one key per dataset, in
 * this browser only — beside the run history, never uploaded. Where IndexedDB cannot be used the
 * datasets live on in memory for this page load, and the caller is told why.
 */
import { createStore, del, set, values, type UseStore } from 'idb-keyval';
import type { UserDataset } from '../../engine/data/user/userDataset';

export const DATASETS_DB = 'ftp-your-images';

export interface DatasetStorage {
  list(): Promise<UserDataset[]>;
  put(d: UserDataset): Promise<void>;
  remove(id: string): Promise<void>;
}

export function idbDatasetStorage(dbName = DATASETS_DB): DatasetStorage {
  const store: UseStore = createStore(dbName, 'datasets');
  return {
    list: async () => ((await values(store)) as UserDataset[]).sort((a, b) => a.createdAt - b.createdAt),
    put: (d) => set(d.id, d, store),
    remove: (id) => del(id, store),
  };
}

/** The page's storage, or null where the browser has no IndexedDB. */
export function defaultDatasetStorage(): DatasetStorage | null {
  try {
    return typeof indexedDB === 'undefined' || !indexedDB ? null : idbDatasetStorage();
  } catch {
    return null;
  }
}

