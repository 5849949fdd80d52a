/** The user's own models as the page keeps them: names, ids, and what validation needs to know. */
import { zooLookup } from '../../engine/config/modelLookup';
import type { ModelLookup } from '../../engine/config/validate';
import { candidateFor, CUSTOM_MODEL_PREFIX, traitsOf, type ModelInspection, type ModelProblemCode } from '../../engine/models/byo/types';

export interface UserModel {
  /** config model id, "custom:<name>" */
  id: string;
  name: string;
  /** where it came from: "files" or the URL of its model.json */
  origin: string;
  inspection: ModelInspection;
  /** the split point the new head reads */
  featureLayer: string;
}

/** Loading a user model: idle, busy (with what), or the last problem. */
export type ByoStatus =
  | { state: 'idle' }
  | { state: 'loading'; message: string }
  | { state: 'added'; name: string }
  | { state: 'error'; code: ModelProblemCode; message: string };

/** "custom:my-model", made unique among `taken` ids with -2, -3, … */
export function userModelId(name: string, taken: ReadonlySet<string>): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'model';
  let id = `${CUSTOM_MODEL_PREFIX}${slug}`;
  for (let i = 2; taken.has(id); i++) id = `${CUSTOM_MODEL_PREFIX}${slug}-${i}`;
  return id;
}

export function userModelLookup(models: readonly UserModel[]): ModelLookup {
  return (id) => {
    const model = models.find((m) => m.id === id);
    const candidate = model && candidateFor(model.inspection, model.featureLayer);
    return candidate ? traitsOf(candidate) : undefined;
  };
}

/** A readable name, unique among `models`: the folder or URL folder it came from, else the model's own name. */
export function userModelName(hint: string | undefined, inspection: ModelInspection, models: readonly UserModel[] = []): string {
  const base = hint?.trim() || inspection.modelName || 'my model';
  const taken = new Set(models.map((m) => m.name));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base} (${i})`;
  return name;
}

/**
 * Blocks and BatchNorm of a model by id, shipped or the user's own, for components that adapt to
 * the model (Frozen-k's range, which methods it can run): `lookupModel(s.userModels, s.config.model)?.blockCount`.
 */
export function lookupModel(models: readonly UserModel[], id: string): ReturnType<ModelLookup> {
  return zooLookup(id) ?? userModelLookup(models)(id);
}
