/**
 * GroupNorm (Wu & He, 2018) as a TF.js layer, which TF.js does not ship: channels (last axis) are
 * split into `groups`; each example's group is normalised over its H×W×(C/G) values, then scaled
 * and shifted per channel. Matches torch.nn.GroupNorm(groups, C) with affine weights (γ = 1, β = 0
 * at start) and its ε = 1e-5, which DomainBed's MNIST_CNN uses after every convolution.
 */
import * as tf from '@tensorflow/tfjs';
import { groupNorm } from '../ops/groupNorm';

interface GroupNormArgs { groups: number; epsilon?: number; name?: string }

export class GroupNormalization extends tf.layers.Layer {
  static className = 'GroupNormalization';
  readonly groups: number;
  readonly epsilon: number;
  private gamma!: tf.LayerVariable;
  private beta!: tf.LayerVariable;

  constructor(args: GroupNormArgs) {
    super({ name: args.name });
    this.groups = args.groups;
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const channels = shape[shape.length - 1] as number;
    if (shape.length !== 4) throw new Error(`${this.name}: GroupNorm expects [batch, H, W, C] inputs`);
    if (channels % this.groups !== 0) throw new Error(`${this.name}: ${channels} channels do not split into ${this.groups} groups`);
    this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return groupNorm(x, this.gamma.read() as tf.Tensor1D, this.beta.read() as tf.Tensor1D, this.groups, this.epsilon);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groups: this.groups, epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(GroupNormalization);
