/**
 * The worker's side of "bring your own model": inspects models the page sends and keeps the ones
 * registered for the next run. Everything it does lives in src/engine/models/byo.
 */
import type { ModelFileMap } from '../engine/models/byo/files';
import { asModelProblem } from '../engine/models/byo/problem';
import { CustomModelRegistry } from '../engine/models/byo/registry';
import { openCustomModel } from '../engine/models/byo/source';
import type { ModelInspection } from '../engine/models/byo/types';
import type { ModelFilePayload } from '../protocol/messages';
import { CodedError } from './serve';

function fileMap(files: readonly ModelFilePayload[]): ModelFileMap {
  return Object.fromEntries(files.map((f) => [f.name, new Uint8Array(f.bytes)]));
}

/** `ready` resolves once the backend is chosen: models are only built on the chosen backend. */
export function createUserModels(ready: () => Promise<unknown>) {
  const registry = new CustomModelRegistry();
  const pending: Promise<unknown>[] = [];
  return {
    async inspect(name: string, files: readonly ModelFilePayload[]): Promise<ModelInspection> {
      try {
        await ready();
      } catch (e) {
        throw new CodedError(`no TF.js backend could start, so the model cannot be opened (${e instanceof Error ? e.message : String(e)})`, 'unavailable');
      }
      try {
        return (await openCustomModel(fileMap(files))).inspection;
      } catch (e) {
        const p = asModelProblem(e, 'bad-model', `${name} could not be opened`);
        throw new CodedError(p.message, p.code);
      }
    },
    /** a failed registration is kept as a problem, reported when a run asks for the model */
    register(modelId: string, files: readonly ModelFilePayload[], featureLayer: string): Promise<null> {
      const done = ready().then(() => registry.register(modelId, fileMap(files), featureLayer)).catch(() => undefined);
      pending.push(done);
      return done.then(() => null);
    },
    /** Waits for every registration sent so far. */
    async settled(): Promise<void> {
      await Promise.all(pending);
      await registry.settled();
    },
    lookup: registry.lookup,
    resolve: (id: string) => registry.resolve(id),
    problem: (id: string) => registry.problem(id),
  };
}
