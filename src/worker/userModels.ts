/**
 * The worker's side of "bring your own model": inspects models the page sends and keeps the ones
 * registered for the next run. Everything it does lives in src/engine/models/byo.
 */
import type { ModelFileMap } from '../engine/models/byo/files';
import { asModelProblem } from '../engine/models/byo/problem';
import { CustomModelRegistry } from '../engine/models/byo/registry';
import { openCustomModel } from '../engine/models/byo/source';
import type { ModelFilePayload, PageToWorker, WorkerToPage } from '../protocol/messages';

function fileMap(files: readonly ModelFilePayload[]): ModelFileMap {
  return Object.fromEntries(files.map((f) => [f.name, new Uint8Array(f.bytes)]));
}

/** `ready` resolves once the backend is chosen: models are only built on the chosen backend. */
export function createUserModels(ready: () => Promise<unknown>, post: (m: WorkerToPage) => void) {
  const registry = new CustomModelRegistry();
  const pending: Promise<unknown>[] = [];
  return {
    inspect(m: Extract<PageToWorker, { type: 'inspectModel' }>): void {
      ready().then(
        () => openCustomModel(fileMap(m.files)).then(
          (custom) => post({ type: 'modelInspection', requestId: m.requestId, inspection: custom.inspection }),
          (e: unknown) => {
            const p = asModelProblem(e, 'bad-model', `${m.name} could not be opened`);
            post({ type: 'modelProblem', requestId: m.requestId, code: p.code, message: p.message });
          },
        ),
        (e: unknown) => post({
          type: 'modelProblem', requestId: m.requestId, code: 'unavailable',
          message: `no TF.js backend could start, so the model cannot be opened (${e instanceof Error ? e.message : String(e)})`,
        }),
      );
    },
    register(m: Extract<PageToWorker, { type: 'registerModel' }>): void {
      // a failed registration is kept as a problem, reported when a run asks for the model
      pending.push(ready().then(() => registry.register(m.modelId, fileMap(m.files), m.featureLayer)).catch(() => undefined));
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
