/**
 * Builds a TF.js LayersModel from a user's files. Layer classes are checked against TF.js's registry
 * first so an unknown one is named with its layer; TF.js's own errors are wrapped into ModelProblems.
 */
import * as tf from '@tensorflow/tfjs';
import { adaptTopology, needsAdapter } from './adapter';
import { artifactsFromFiles, kerasModelConfig, type ModelFileMap, type ModelFilesCheck } from './files';
import { ModelProblem, firstLine } from './problem';
import type { InputAdaptation } from './types';

type Json = Record<string, unknown>;

const NESTED_MODELS = new Set(['Sequential', 'Model', 'Functional']);

/** TF.js camel-cases class names from JSON (my_layer → myLayer) before looking them up. */
const camel = (s: string) => s.replace(/[_]+(\w|$)/g, (_, c: string) => c.toUpperCase());

function isKnownClass(className: string): boolean {
  const map = tf.serialization.SerializationMap.getMap().classNameMap;
  return className in map || camel(className) in map;
}

function layerList(config: unknown): Json[] {
  if (Array.isArray(config)) return config as Json[];
  const layers = (config as Json | undefined)?.layers;
  return Array.isArray(layers) ? (layers as Json[]) : [];
}

function hint(className: string): string {
  if (className === 'Lambda') return ' (Lambda layers hold Python code, which cannot run in the browser)';
  if (className === 'TFOpLambda' || className.startsWith('TFOp')) return ' (a raw TensorFlow op from Keras\'s functional API; rebuild the model from Keras layers)';
  return '';
}

/** Every layer class in the topology, nested models included, must be one TF.js can build. */
export function checkLayerClasses(topology: Json): void {
  const visit = (model: { class_name: string; config: unknown }) => {
    for (const layer of layerList(model.config)) {
      const className = String(layer.class_name);
      const name = String(layer.name ?? (layer.config as Json | undefined)?.name ?? '?');
      if (NESTED_MODELS.has(className)) { visit(layer as unknown as { class_name: string; config: unknown }); continue; }
      if (!isKnownClass(className)) {
        throw new ModelProblem('unknown-layer',
          `layer "${name}" is a ${className}, a layer class TF.js does not have${hint(className)}: ` +
          'only the Keras layers TF.js ports (Conv2D, Dense, BatchNormalization, …) can be loaded');
      }
    }
  };
  const model = kerasModelConfig(topology);
  if (model) visit(model);
}

/** Loads the checked files as they are, or with the input adapter in front. */
export async function loadCheckedModel(check: ModelFilesCheck, adapt?: InputAdaptation): Promise<tf.LayersModel> {
  const topology = check.artifacts.modelTopology as Json;
  checkLayerClasses(topology);
  const artifacts = adapt && needsAdapter(adapt) ? { ...check.artifacts, modelTopology: adaptTopology(topology, adapt) } : check.artifacts;
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (e) {
    const message = firstLine(e instanceof Error ? e.message : String(e));
    const unknown = /^Unknown layer: ([^.\s]+)/.exec(message);
    if (unknown) throw new ModelProblem('unknown-layer', `TF.js does not have the layer class ${unknown[1]}${hint(unknown[1])}`);
    throw new ModelProblem('bad-model', `TF.js could not build the model from ${check.jsonName}: ${message}`);
  }
}

export async function loadModelFiles(files: ModelFileMap, adapt?: InputAdaptation): Promise<tf.LayersModel> {
  return loadCheckedModel(artifactsFromFiles(files), adapt);
}
