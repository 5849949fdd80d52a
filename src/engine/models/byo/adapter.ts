/**
 * The input adapter: a weightless layer written into a user model's topology in front of its first
 * layer, so the loaded model takes our 28×28×3 images. Being part of the model graph (not a wrapper
 * around `forward`) means everything that feeds the network directly — training, evaluation, a
 * method's BatchNorm probe or taps, WiSE-FT — sees the same input without knowing about adapters.
 */
import * as tf from '@tensorflow/tfjs';
import { DATA_SIZE } from './inputShape';
import { kerasModelConfig } from './files';
import type { InputAdaptation } from './types';

export const ADAPTER_LAYER_NAME = 'byo_input_adapter';

interface AdapterArgs { name?: string; height: number; width: number; channels: 1 | 3; layout: InputAdaptation['layout'] }

/** [B, 28, 28, 3] → grey (mean of channels) if C = 1 → resized (bilinear) → flattened or squeezed by layout. */
export class ByoInputAdapter extends tf.layers.Layer {
  static className = 'ByoInputAdapter';
  private readonly args: AdapterArgs;

  constructor(args: AdapterArgs & { trainable?: boolean; batchInputShape?: tf.Shape; dtype?: tf.DataType }) {
    // a Sequential's first layer carries the model's input shape
    super({ name: args.name, trainable: false, batchInputShape: args.batchInputShape, dtype: args.dtype });
    this.args = { height: args.height, width: args.width, channels: args.channels, layout: args.layout };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const batch = (inputShape as tf.Shape)[0];
    const { height, width, channels, layout } = this.args;
    if (layout === 'flat') return [batch, height * width * channels];
    if (layout === 'grey2d') return [batch, height, width];
    return [batch, height, width, channels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { height, width, channels, layout } = this.args;
      if (channels === 1 && x.shape[3] !== 1) x = tf.mean(x, 3, true);
      if (x.shape[1] !== height || x.shape[2] !== width) x = tf.image.resizeBilinear(x, [height, width]);
      const batch = x.shape[0];
      if (layout === 'flat') return tf.reshape(x, [batch, height * width * channels]);
      if (layout === 'grey2d') return tf.reshape(x, [batch, height, width]);
      return x;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.args };
  }
}
tf.serialization.registerClass(ByoInputAdapter);

/** True when the model takes our images as they are. */
export function needsAdapter(a: InputAdaptation): boolean {
  return a.layout !== 'image' || a.channels !== 3 || a.height !== DATA_SIZE || a.width !== DATA_SIZE;
}

type Json = Record<string, unknown>;
type InboundRef = [string, number, number, Json?];

function adapterJson(a: InputAdaptation, name: string, withInputShape: boolean): Json {
  const config: Json = { name, trainable: false, height: a.height, width: a.width, channels: a.channels, layout: a.layout, dtype: 'float32' };
  if (withInputShape) config.batch_input_shape = [null, DATA_SIZE, DATA_SIZE, 3];
  return { class_name: ByoInputAdapter.className, config };
}

function uniqueName(taken: Set<string>): string {
  let name = ADAPTER_LAYER_NAME;
  for (let i = 2; taken.has(name); i++) name = `${ADAPTER_LAYER_NAME}_${i}`;
  return name;
}

const INPUT_SHAPE_KEYS = ['batch_input_shape', 'input_shape', 'input_dim', 'batch_size'];

function adaptSequential(layers: Json[], a: InputAdaptation): Json[] {
  const names = new Set(layers.map((l) => (l.config as Json | undefined)?.name as string));
  const rest = layers[0]?.class_name === 'InputLayer' ? layers.slice(1) : layers.map((l) => ({ ...l }));
  if (rest.length) {
    const first = { ...(rest[0].config as Json) };
    for (const k of INPUT_SHAPE_KEYS) delete first[k];
    rest[0] = { ...rest[0], config: first };
  }
  return [adapterJson(a, uniqueName(names), true), ...rest];
}

function adaptFunctional(config: Json, a: InputAdaptation): Json {
  const layers = config.layers as Json[];
  const inputName = (config.input_layers as InboundRef[])[0][0];
  const name = uniqueName(new Set(layers.map((l) => l.name as string)));
  const rewire = (nodes: unknown): unknown => (nodes as InboundRef[][]).map((node) =>
    node.map((ref) => (ref[0] === inputName ? [name, ...ref.slice(1)] : ref)));
  const out: Json[] = [];
  for (const layer of layers) {
    if (layer.name === inputName) {
      out.push({ ...layer, config: { ...(layer.config as Json), batch_input_shape: [null, DATA_SIZE, DATA_SIZE, 3] } });
      out.push({ ...adapterJson(a, name, false), name, inbound_nodes: [[[inputName, 0, 0, {}]]] });
    } else {
      out.push({ ...layer, inbound_nodes: rewire(layer.inbound_nodes ?? []) });
    }
  }
  return { ...config, layers: out };
}

/**
 * The topology with the adapter in front (a new object; the input is not changed). Sequential
 * models get it as their first layer; functional models get it between the input and its consumers.
 */
export function adaptTopology(topology: Json, a: InputAdaptation): Json {
  const model = kerasModelConfig(topology);
  if (!model) throw new Error('adaptTopology: not a Keras model topology');
  let adapted: Json;
  if (model.class_name === 'Sequential') {
    // old Keras wrote a Sequential's config as the bare list of layers
    const cfg = model.config as Json | Json[];
    adapted = Array.isArray(cfg)
      ? { class_name: 'Sequential', config: adaptSequential(cfg, a) }
      : { class_name: 'Sequential', config: { ...cfg, layers: adaptSequential(cfg.layers as Json[], a) } };
  } else {
    adapted = { class_name: model.class_name, config: adaptFunctional(model.config as Json, a) };
  }
  return topology.model_config ? { ...topology, model_config: adapted } : { ...topology, ...adapted };
}
