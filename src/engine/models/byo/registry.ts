/**
 * The user models a host (the worker, a test) knows by id, each with the feature layer the user
 * picked. Registration is asynchronous (the files are checked and inspected); a run waits for it,
 * then validates with `lookup` and loads through `resolve`.
 */
import type { ModelLookup } from '../../config/validate';
import type { ModelFileMap } from './files';
import { asModelProblem, type ModelProblem } from './problem';
import { customModelSource, openCustomModel, type CustomModel, type CustomModelSource } from './source';

type Entry = { state: 'pending'; done: Promise<void> } | { state: 'ready'; source: CustomModelSource; custom: CustomModel } | { state: 'failed'; problem: ModelProblem };

export class CustomModelRegistry {
  private readonly entries = new Map<string, Entry>();

  /** Opens the files and keeps the model under `id`, cut at `featureLayer` (default: the head's input). */
  register(id: string, files: ModelFileMap, featureLayer?: string): Promise<CustomModel> {
    const opened = openCustomModel(files);
    const done = opened.then(
      (custom) => {
        try {
          this.entries.set(id, { state: 'ready', custom, source: customModelSource(custom, featureLayer) });
        } catch (e) {
          this.entries.set(id, { state: 'failed', problem: asModelProblem(e, 'bad-model', id) });
        }
      },
      (e: unknown) => { this.entries.set(id, { state: 'failed', problem: asModelProblem(e, 'bad-model', 'the model could not be opened') }); },
    );
    this.entries.set(id, { state: 'pending', done });
    return opened;
  }

  /** Resolves when every registration so far has finished (successfully or not). */
  async settled(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => (e.state === 'pending' ? e.done : undefined)));
  }

  /** Validation's view of the ready models. */
  readonly lookup: ModelLookup = (id) => {
    const e = this.entries.get(id);
    return e?.state === 'ready' ? e.source.traits : undefined;
  };

  resolve(id: string): CustomModelSource | undefined {
    const e = this.entries.get(id);
    return e?.state === 'ready' ? e.source : undefined;
  }

  /** Why a registered model cannot be used, if it cannot. */
  problem(id: string): ModelProblem | undefined {
    const e = this.entries.get(id);
    return e?.state === 'failed' ? e.problem : undefined;
  }
}
