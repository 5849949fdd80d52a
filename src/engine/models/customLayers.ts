/**
 * Layers TF.js does not ship, registered for serialisation so models that use them save and load
 * in the layers format: multi-head self-attention and a learned position embedding (tiny ViT).
 * Importing this module registers them.
 */
import * as tf from '@tensorflow/tfjs';

interface AttentionArgs { numHeads: number; name?: string; seed?: number }

export class MultiHeadSelfAttention extends tf.layers.Layer {
  static className = 'MultiHeadSelfAttention';
  readonly numHeads: number;
  private readonly seed: number | undefined;
  private qkvKernel!: tf.LayerVariable;
  private qkvBias!: tf.LayerVariable;
  private outKernel!: tf.LayerVariable;
  private outBias!: tf.LayerVariable;

  constructor(args: AttentionArgs) {
    super({ name: args.name });
    this.numHeads = args.numHeads;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const dim = shape[shape.length - 1] as number;
    if (dim % this.numHeads !== 0) throw new Error(`${this.name}: width ${dim} is not divisible by ${this.numHeads} heads`);
    const init = (s: number) => tf.initializers.glorotUniform({ seed: this.seed === undefined ? undefined : this.seed + s });
    this.qkvKernel = this.addWeight('qkv_kernel', [dim, 3 * dim], 'float32', init(0));
    this.qkvBias = this.addWeight('qkv_bias', [3 * dim], 'float32', tf.initializers.zeros());
    this.outKernel = this.addWeight('out_kernel', [dim, dim], 'float32', init(1));
    this.outBias = this.addWeight('out_bias', [dim], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const [batch, tokens, dim] = x.shape as [number, number, number];
      const heads = this.numHeads;
      const dh = dim / heads;
      const flat = tf.reshape(x, [batch * tokens, dim]);
      const qkv = tf.add(tf.matMul(flat, this.qkvKernel.read()), this.qkvBias.read());
      // [B·N, 3D] → [3, B, H, N, dh]
      const split = tf.transpose(tf.reshape(qkv, [batch, tokens, 3, heads, dh]), [2, 0, 3, 1, 4]);
      const [q, k, v] = tf.unstack(split, 0) as tf.Tensor4D[];
      const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dh));
      const mixed = tf.matMul(tf.softmax(scores, -1), v); // [B, H, N, dh]
      const merged = tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [batch * tokens, dim]);
      const out = tf.add(tf.matMul(merged, this.outKernel.read()), this.outBias.read());
      return tf.reshape(out, [batch, tokens, dim]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), numHeads: this.numHeads };
  }
}

export class PositionEmbedding extends tf.layers.Layer {
  static className = 'PositionEmbedding';
  private readonly seed: number | undefined;
  private table!: tf.LayerVariable;

  constructor(args: { name?: string; seed?: number }) {
    super({ name: args.name });
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    this.table = this.addWeight('table', [shape[1] as number, shape[2] as number], 'float32',
      tf.initializers.truncatedNormal({ stddev: 0.02, seed: this.seed }));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.add(Array.isArray(inputs) ? inputs[0] : inputs, this.table.read()));
  }
}

tf.serialization.registerClass(MultiHeadSelfAttention);
tf.serialization.registerClass(PositionEmbedding);
