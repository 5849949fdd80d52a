/**
 * A weightless first layer that keeps the first `channels` of our 28×28×3 images, so a network
 * built for DomainBed's 1-channel (RotatedMNIST: the grey image, R = G = B) or 2-channel
 * (ColoredMNIST: the red and green planes) inputs gets exactly those planes, with its first
 * convolution's fan-in (and so its initialisation) as DomainBed has it.
 */
import * as tf from '@tensorflow/tfjs';

export class ChannelSlice extends tf.layers.Layer {
  static className = 'ChannelSlice';
  readonly channels: number;

  constructor(args: { channels: number; name?: string }) {
    super({ name: args.name, trainable: false });
    this.channels = args.channels;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = inputShape as tf.Shape;
    return [...s.slice(0, -1), this.channels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.tidy(() => (x.shape[3] === this.channels ? x.clone() : tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, this.channels])));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), channels: this.channels };
  }
}

tf.serialization.registerClass(ChannelSlice);
