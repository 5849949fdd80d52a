/**
 * Your own images: the datasets kept in this browser (IndexedDB), what is being added, and the
 * actions that change them. Every change is kept at once and handed to the workers, so the next
 * run on the dataset trains on what the page shows.
 */
import { DEFAULT_CONFIG } from '../../engine/config/defaults';
import { decodeDatasetFile, encodeDatasetFile } from '../../engine/data/user/datasetFile';
import { datasetProblems, userDatasetFacts, type CollectionRole, type UserDataset } from '../../engine/data/user/userDataset';
import type { RunWorkers } from '../../client/workerPool';
import { storageProblem } from '../history/runHistory';
import type { DatasetStorage } from '../yourImages/datasetStorage';
import type { StoreKit } from './kit';
import { addImages, newUserDataset, removeCollection, setRole, userDatasetId, type LabelledImage } from './userDatasets';

/** The last thing "Your images" did, or why it could not. */
export type OwnImagesStatus = { state: 'idle' } | { state: 'busy'; message: string } | { state: 'done'; message: string } | { state: 'error'; message: string };

export interface UserDatasetsSlice {
  userDatasets: UserDataset[];
  ownImages: OwnImagesStatus;
  /** why the datasets are not kept across reloads, where they are not */
  ownImagesStorage: string | null;
  createUserDataset(name: string): UserDataset;
  /** adds pictures (already as the network sees them) to a collection; all or none */
  addUserImages(datasetId: string, collection: string, images: readonly LabelledImage[], note?: string): boolean;
  setCollectionRole(datasetId: string, collection: string, role: CollectionRole): void;
  removeUserCollection(datasetId: string, collection: string): void;
  removeUserDataset(id: string): void;
  /** the dataset as one file (a zip), to move it to another browser */
  exportUserDataset(id: string): Uint8Array;
  importUserDataset(bytes: Uint8Array, fileName: string): void;
  /** picks the dataset for the next run, with a training size it has */
  trainOnUserDataset(id: string): void;
  setOwnImagesStatus(status: OwnImagesStatus): void;
}

export function createUserDatasetsSlice(kit: StoreKit, workers: () => RunWorkers | null, storage: DatasetStorage | null): UserDatasetsSlice {
  const { get, set } = kit;
  const keep = (d: UserDataset) => {
    workers()?.rememberDataset(d);
    storage?.put(d).catch((e: unknown) => set({ ownImagesStorage: `not kept after a reload: ${storageProblem(e)}` }));
  };
  const replace = (d: UserDataset) => {
    set({ userDatasets: get().userDatasets.map((x) => (x.id === d.id ? d : x)) });
    keep(d);
    get().replaceConfig(get().config); // its facts may have changed
  };
  const find = (id: string) => get().userDatasets.find((d) => d.id === id);
  return {
    userDatasets: [],
    ownImages: { state: 'idle' },
    ownImagesStorage: storage ? null : 'this browser has no IndexedDB: your images are kept only until the page is closed',
    createUserDataset(name) {
      const d = newUserDataset(name, new Set(get().userDatasets.map((x) => x.id)));
      set({ userDatasets: [...get().userDatasets, d] });
      keep(d);
      return d;
    },
    addUserImages(datasetId, collection, images, note) {
      const d = find(datasetId);
      if (!d) return false;
      const change = addImages(d, collection, images);
      if (!change.ok) { set({ ownImages: { state: 'error', message: change.message } }); return false; }
      replace(change.dataset);
      const s = images.length === 1 ? '' : 's';
      set({ ownImages: { state: 'done', message: `added ${images.length} image${s} to "${collection.trim()}"${note ? `; ${note}` : ''}` } });
      return true;
    },
    setCollectionRole(datasetId, collection, role) {
      const d = find(datasetId);
      if (d) replace(setRole(d, collection, role));
    },
    removeUserCollection(datasetId, collection) {
      const d = find(datasetId);
      if (d) replace(removeCollection(d, collection));
    },
    removeUserDataset(id) {
      set({ userDatasets: get().userDatasets.filter((d) => d.id !== id) });
      workers()?.forgetDataset(id);
      void storage?.remove(id).catch(() => undefined);
      if (get().config.dataset === id) get().setConfig({ dataset: DEFAULT_CONFIG.dataset, trainSize: DEFAULT_CONFIG.trainSize, shifts: DEFAULT_CONFIG.shifts });
      else get().replaceConfig(get().config);
    },
    exportUserDataset(id) {
      const d = find(id);
      if (!d) throw new Error(`no dataset ${id} here`);
      return encodeDatasetFile(d);
    },
    importUserDataset(bytes, fileName) {
      const read = decodeDatasetFile(bytes);
      if (!read.ok) { set({ ownImages: { state: 'error', message: `${fileName}: ${read.message}; nothing was imported` } }); return; }
      const taken = get().userDatasets;
      let name = read.dataset.name;
      for (let i = 2; taken.some((d) => d.name === name); i++) name = `${read.dataset.name} (${i})`.slice(0, 30);
      const d: UserDataset = { ...read.dataset, name, id: userDatasetId(name, new Set(taken.map((x) => x.id))) };
      set({ userDatasets: [...taken, d], ownImages: { state: 'done', message: `imported "${name}" from ${fileName}` } });
      keep(d);
    },
    trainOnUserDataset(id) {
      const d = find(id);
      if (!d) return;
      const problems = datasetProblems(d);
      if (problems.length) { set({ ownImages: { state: 'error', message: `${d.name} cannot be trained on yet: ${problems.join('; ')}` } }); return; }
      const facts = userDatasetFacts(d);
      const c = get().config;
      const trainSize = Math.min(facts.trainImages, 6000);
      get().setConfig({
        dataset: d.id, trainSize, batchSize: Math.min(c.batchSize, trainSize), targetClasses: 'all',
        // its OOD collections are the OOD sets; without one a synthetic shift stands in
        shifts: facts.oodCollections.length ? [] : c.shifts.length ? c.shifts : ['rotation'],
      });
      set({ ownImages: { state: 'done', message: `the next run trains on "${d.name}"` } });
    },
    setOwnImagesStatus(status) { set({ ownImages: status }); },
  };
}

/** Reads the kept datasets once the store exists, and hands them to the workers. */
export async function loadUserDatasets(kit: StoreKit, workers: () => RunWorkers | null, storage: DatasetStorage | null): Promise<void> {
  if (!storage) return;
  try {
    const kept = await storage.list();
    const here = new Set(kit.get().userDatasets.map((d) => d.id));
    const fresh = kept.filter((d) => !here.has(d.id));
    fresh.forEach((d) => workers()?.rememberDataset(d));
    kit.set({ userDatasets: [...fresh, ...kit.get().userDatasets] });
    kit.get().replaceConfig(kit.get().config);
  } catch (e) {
    kit.set({ ownImagesStorage: `your images are not kept after a reload: ${storageProblem(e)}` });
  }
}
