/**
 * Looks at a loaded user model and finds what fine-tuning needs: the input and how to adapt our
 * images to it, the head (the final Dense layer), the penultimate features it reads, other split
 * points the user may pick instead, the BatchNorm layers, and the freezable blocks (with the block
 * outputs as taps) for each split point.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelAnatomy } from '../anatomy';
import { isBatchNorm } from '../network';
import { cutPoints, groupBlocks, pathLayers, type GraphLayer, type LayerGraph } from './graph';
import { DATA_SIZE, describeInput } from './inputShape';
import { ModelProblem } from './problem';
import type { FeatureCandidate, ModelInspection } from './types';

/** Layers after the classifier that change nothing a new head would need (softmax, dropout). */
const AFTER_HEAD = new Set(['Activation', 'Softmax', 'Dropout', 'GaussianDropout', 'GaussianNoise', 'AlphaDropout']);

function shapeOf(layer: tf.layers.Layer): (number | null)[] | undefined {
  const shape = layer.outputShape as (number | null)[] | (number | null)[][];
  return Array.isArray(shape[0]) ? undefined : (shape as (number | null)[]);
}

function shapeText(shape: readonly (number | null)[] | undefined): string {
  return shape ? `[${shape.map((d) => (d == null ? 'null' : d)).join(', ')}]` : 'several tensors';
}

function buildGraph(model: tf.LayersModel): { graph: LayerGraph; layers: Map<string, tf.layers.Layer> } {
  const inputLayer = model.inputs[0].sourceLayer;
  const layers = new Map<string, tf.layers.Layer>();
  for (const l of [inputLayer, ...model.layers]) layers.set(l.name, l);
  const graph = new Map<string, GraphLayer>();
  for (const l of layers.values()) {
    if (l.inboundNodes.length > 1) {
      throw new ModelProblem('shared-layer', `layer "${l.name}" (${l.getClassName()}) is applied ${l.inboundNodes.length} times; the page needs every layer used once so it can be frozen and tapped on its own`);
    }
    graph.set(l.name, {
      name: l.name, className: l.getClassName(), params: l === inputLayer ? 0 : l.countParams(),
      inputs: l.inboundNodes[0]?.inboundLayers.map((i) => i.name) ?? [],
    });
  }
  return { graph, layers };
}

/** The final Dense layer, walking back from the output past softmax/dropout layers. */
function findHead(graph: LayerGraph, output: string): { head: GraphLayer; after: string[] } {
  const after: string[] = [];
  let layer = graph.get(output)!;
  while (AFTER_HEAD.has(layer.className) && layer.inputs.length === 1) {
    after.unshift(layer.name);
    layer = graph.get(layer.inputs[0])!;
  }
  if (layer.className !== 'Dense') {
    throw new ModelProblem('no-dense-head',
      `the model ends in ${layer.className} layer "${layer.name}", not a Dense layer: the page replaces the model's final Dense layer ` +
      '(its classifier) with a new head for the target classes, so the model must end in one (optionally followed by softmax)');
  }
  if (layer.inputs.length !== 1) throw new ModelProblem('no-features', `the head "${layer.name}" reads ${layer.inputs.length} tensors; it must read one feature vector`);
  return { head: layer, after };
}

export function inspectLayersModel(model: tf.LayersModel, extras: { weightBytes?: number } = {}): ModelInspection {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new ModelProblem('multi-io', `the model has ${model.inputs.length} inputs and ${model.outputs.length} outputs; the page fine-tunes image classifiers with one input and one output`);
  }
  const input = describeInput(model.inputs[0].shape);
  const { graph, layers } = buildGraph(model);
  const source = model.inputs[0].sourceLayer.name;
  const { head, after } = findHead(graph, model.outputs[0].sourceLayer.name);
  const featureLayer = head.inputs[0];
  const featureShape = shapeOf(layers.get(featureLayer)!);
  if (featureShape?.length !== 2) {
    throw new ModelProblem('no-features',
      `the head "${head.name}" reads the ${shapeText(featureShape)} output of "${featureLayer}", not a feature vector [null, D]: ` +
      'add a Flatten or GlobalAveragePooling2D layer before the final Dense layer');
  }

  const order = pathLayers(graph, source, featureLayer);
  const cuts = cutPoints(graph, order);
  const bnNames = new Set(model.layers.filter(isBatchNorm).map((l) => l.name));
  const candidates: FeatureCandidate[] = [];
  order.forEach((name, i) => {
    if (i === 0 || !cuts.has(name)) return;
    const shape = shapeOf(layers.get(name)!);
    if (shape?.length !== 2 || shape[1] == null) return;
    const blocks = groupBlocks(graph, order, cuts, name);
    if (!blocks.length) return; // nothing to fine-tune before this point
    const upTo = order.slice(1, i + 1);
    const anatomy: ModelAnatomy = {
      inputShape: [DATA_SIZE, DATA_SIZE, 3],
      blocks,
      featureLayer: name,
      headLayer: head.name,
      taps: blocks.map((b) => b.layers[b.layers.length - 1]),
    };
    candidates.push({
      layer: name,
      className: graph.get(name)!.className,
      units: shape[1],
      anatomy,
      batchNormLayers: upTo.filter((n) => bnNames.has(n)),
      backboneParams: upTo.reduce((n, l) => n + graph.get(l)!.params, 0),
      dropped: order.slice(i + 1).filter((n) => graph.get(n)!.params > 0),
    });
  });
  if (!candidates.some((c) => c.layer === featureLayer)) {
    throw new ModelProblem('no-features', `no weighted layer comes before the head "${head.name}", so there is nothing to fine-tune (the model is a linear classifier on the pixels)`);
  }
  const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, d) => a * (d ?? 1), 1), 0);
  return {
    modelName: model.name,
    format: model instanceof tf.Sequential ? 'sequential' : 'functional',
    input,
    head: { layer: head.name, units: (layers.get(head.name)!.getConfig().units as number), params: head.params, after },
    defaultFeatureLayer: featureLayer,
    candidates,
    batchNormLayers: model.layers.filter(isBatchNorm).map((l) => l.name),
    layerCount: model.layers.length,
    params: { total: model.countParams(), trainable },
    weightBytes: extras.weightBytes ?? 0,
  };
}
