/** Bring your own model: the user's models (checked by a worker), the loading state, the split point. */
import { DEFAULT_MODEL_ID } from '../../engine/config/defaults';
import type { ModelFilePayload } from '../../protocol/messages';
import type { RunWorkers } from '../../client/workerPool';
import { WorkerRequestError } from '../../client/workerConnection';
import type { StoreKit } from './kit';
import { userModelId, userModelName, type ByoStatus, type UserModel } from './userModels';

export interface UserModelsSlice {
  /** the user's own models (bring your own model), in the order they were added */
  userModels: UserModel[];
  byo: ByoStatus;
  /** has a worker check and inspect a user's model; if it can be used, adds and selects it */
  addUserModel(files: ModelFilePayload[], opts: { name?: string; origin: string }): Promise<void>;
  /** a problem the page found itself (sizes, a failed fetch), or the page's own progress */
  setByoStatus(status: ByoStatus): void;
  setUserFeatureLayer(id: string, featureLayer: string): void;
  removeUserModel(id: string): void;
}

export function createUserModelsSlice(kit: StoreKit, workers: () => RunWorkers): UserModelsSlice {
  const { get, set } = kit;
  return {
    userModels: [],
    byo: { state: 'idle' },
    async addUserModel(files, { name, origin }) {
      set({ byo: { state: 'loading', message: `checking ${name ?? 'the model'}…` } });
      let inspection;
      try {
        inspection = await workers().inspectModel(name ?? 'model', files);
      } catch (e) {
        const err = e instanceof WorkerRequestError ? e : new WorkerRequestError(String(e));
        set({ byo: { state: 'error', code: err.code ?? 'unavailable', message: err.message } });
        return;
      }
      const displayName = userModelName(name, inspection, get().userModels);
      const id = userModelId(displayName, new Set(get().userModels.map((m) => m.id)));
      workers().rememberModel(id, files, inspection.defaultFeatureLayer);
      const model: UserModel = { id, name: displayName, origin, inspection, featureLayer: inspection.defaultFeatureLayer };
      set({ userModels: [...get().userModels, model], byo: { state: 'added', name: displayName } });
      get().setConfig({ model: id });
    },
    setByoStatus(status) { set({ byo: status }); },
    setUserFeatureLayer(id, featureLayer) {
      workers().setModelFeatureLayer(id, featureLayer);
      set({ userModels: get().userModels.map((m) => (m.id === id ? { ...m, featureLayer } : m)) });
      get().replaceConfig(get().config); // the block count may have changed
    },
    removeUserModel(id) {
      workers().forgetModel(id);
      set({ userModels: get().userModels.filter((m) => m.id !== id) });
      if (get().config.model === id) get().setConfig({ model: DEFAULT_MODEL_ID });
      else get().replaceConfig(get().config);
    },
  };
}
