/**
 * A user's model files (model.json and the weight files its manifest names), held in memory, turned
 * into TF.js ModelArtifacts. Every problem that can be seen in the files themselves is found here,
 * before TF.js sees them, so each gets its own message. No runtime TF.js: the page uses it too.
 */
import type * as tf from '@tensorflow/tfjs';
import { checkModelJsonSize, checkParameterCount, checkTotalSize, formatBytes } from './limits';
import { ModelProblem, firstLine } from './problem';
import { layersArtifacts } from '../layersArtifacts';

/** File name (as uploaded, or the path relative to model.json for a URL) → bytes. */
export type ModelFileMap = Record<string, Uint8Array>;

export interface WeightGroup { paths: string[]; weights: tf.io.WeightsManifestEntry[] }

export interface LayersModelJson {
  modelTopology: Record<string, unknown>;
  weightsManifest: WeightGroup[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/** The Keras model config: {class_name, config}, unwrapped from Keras's {model_config} if present. */
export interface KerasModelConfig { class_name: string; config: unknown }

const MODEL_CLASSES = ['Sequential', 'Model', 'Functional'];

/** model.json, or the only .json file when it was renamed. */
export function findModelJsonName(names: readonly string[]): string {
  const exact = names.find((n) => baseName(n) === 'model.json');
  if (exact) return exact;
  const jsons = names.filter((n) => n.toLowerCase().endsWith('.json'));
  if (jsons.length === 1) return jsons[0];
  throw new ModelProblem('no-model-json', jsons.length
    ? `several JSON files (${jsons.join(', ')}) and none is called model.json: rename the model's description to model.json`
    : 'no model.json among the files: pick the model.json of a TF.js layers model together with its .bin weight files');
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v != null && typeof v === 'object' && !Array.isArray(v);
}

/** Parses and checks a model.json: JSON, a layers model (not a graph model), a usable manifest. */
export function parseModelJson(bytes: Uint8Array, name = 'model.json'): LayersModelJson {
  checkModelJsonSize(name, bytes.length);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  } catch (e) {
    throw new ModelProblem('not-json', `${name} is not valid JSON (${firstLine((e as Error).message)}): pick the model.json that TF.js or tensorflowjs_converter wrote`);
  }
  if (!isObject(json)) throw new ModelProblem('not-layers-model', `${name} is JSON but not a model description (it holds ${Array.isArray(json) ? 'a list' : typeof json})`);
  const topology = json.modelTopology;
  if (json.format === 'graph-model' || (isObject(topology) && Array.isArray(topology.node))) {
    throw new ModelProblem('not-layers-model',
      `${name} is a TF.js graph model (converted from a SavedModel or frozen graph): its layers cannot be trained. ` +
      'Convert the Keras model to a layers model instead (tensorflowjs_converter --input_format keras).');
  }
  if (!isObject(topology)) {
    throw new ModelProblem('not-layers-model', `${name} has no modelTopology, so it is not a TF.js layers model (expected modelTopology and weightsManifest)`);
  }
  const modelClass = kerasModelConfig(topology)?.class_name;
  if (!modelClass || !MODEL_CLASSES.includes(modelClass)) {
    throw new ModelProblem('not-layers-model', `${name}: the modelTopology describes ${modelClass ? `a ${modelClass}` : 'no model class'}, not a Sequential or functional Keras model`);
  }
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || !manifest.every((g) => isObject(g) && Array.isArray(g.paths) && Array.isArray(g.weights))) {
    throw new ModelProblem('not-layers-model', `${name} has no usable weightsManifest (a list of {paths, weights} groups), so its weights cannot be found`);
  }
  return json as unknown as LayersModelJson;
}

export function kerasModelConfig(topology: Record<string, unknown>): KerasModelConfig | undefined {
  const inner = isObject(topology.model_config) ? topology.model_config : topology;
  return typeof inner.class_name === 'string' ? (inner as unknown as KerasModelConfig) : undefined;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/** Bytes one manifest entry takes in the weight files (quantised weights are stored in their smaller type). */
export function weightEntryBytes(entry: tf.io.WeightsManifestEntry): number {
  const dtype = entry.quantization?.dtype ?? entry.dtype;
  const size = DTYPE_BYTES[dtype];
  if (size === undefined) throw new ModelProblem('bad-model', `weight ${entry.name} has dtype ${dtype}, which cannot be trained`);
  return entry.shape.reduce((n, d) => n * d, 1) * size;
}

export function manifestParameterCount(manifest: readonly WeightGroup[]): number {
  return manifest.reduce((n, g) => n + g.weights.reduce((m, w) => m + w.shape.reduce((a, d) => a * d, 1), 0), 0);
}

/** The file a manifest path refers to: the exact path, without "./", or by its base name (uploads are flat). */
export function lookupFile(files: ModelFileMap, path: string): Uint8Array | undefined {
  const clean = path.replace(/^\.\//, '');
  return files[path] ?? files[clean] ?? Object.entries(files).find(([n]) => baseName(n) === baseName(clean))?.[1];
}

export interface ModelFilesCheck {
  json: LayersModelJson;
  jsonName: string;
  artifacts: tf.io.ModelArtifacts;
  weightBytes: number;
}

/**
 * Checks the files in the order a person would fix them (the description, its size limits, then
 * each weight file) and builds the artifacts TF.js loads from memory.
 */
export function artifactsFromFiles(files: ModelFileMap): ModelFilesCheck {
  const jsonName = findModelJsonName(Object.keys(files));
  checkTotalSize(Object.values(files).reduce((n, b) => n + b.length, 0));
  const json = parseModelJson(files[jsonName], jsonName);
  checkParameterCount(manifestParameterCount(json.weightsManifest));

  const missing = json.weightsManifest.flatMap((g) => g.paths).filter((p) => !lookupFile(files, p));
  if (missing.length) {
    throw new ModelProblem('missing-weights',
      `${jsonName} lists the weight file${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which ${missing.length > 1 ? 'were' : 'was'} not given: ` +
      'add every .bin file next to model.json');
  }
  const parts: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    const groupFiles = group.paths.map((p) => lookupFile(files, p)!);
    const have = groupFiles.reduce((n, b) => n + b.length, 0);
    const need = group.weights.reduce((n, w) => n + weightEntryBytes(w), 0);
    if (have !== need) {
      const names = group.paths.join(' + ');
      throw new ModelProblem('weights-size',
        `${names} ${group.paths.length > 1 ? 'hold' : 'holds'} ${formatBytes(have)} (${have} bytes), but ${jsonName} describes ` +
        `${need} bytes of weights for ${group.weights.length} tensors: the file is ${have < need ? 'truncated' : 'too long'} or belongs to another model`);
    }
    parts.push(...groupFiles);
  }
  const weightBytes = parts.reduce((n, p) => n + p.length, 0);
  const artifacts = layersArtifacts(json, parts);
  return { json, jsonName, artifacts, weightBytes };
}
