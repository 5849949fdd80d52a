/**
 * LEVI — Layer-wise Ensemble of different VIews (Roh et al., ICML 2024).
 * RECONSTRUCTION (no public code), as METHODS.md states: the pretrained model stays frozen and is
 * tapped at its last K blocks (pooled: h_1..h_K, computed once per training image); a small task
 * model G trained from scratch (two stride-2 convolutions, global pooling, width d) gives g;
 * one linear adapting layer per tap reads concat(h_k, g); the logits are Σ_k z_k, one loss.
 */
import * as tf from '@tensorflow/tfjs';
import { addAll } from '../ops/addAll';
import { chunks } from '../data/deviceData';
import { EVAL_BATCH } from '../metrics/accuracy';
import { paramGroup } from './phases';
import { poolTap, TapCache } from './taps';
import type { FineTuningMethod, MethodContext } from './types';

interface LeviModules {
  taskModel: tf.LayersModel;
  adapters: tf.layers.Layer[];
  tapIndices: number[];
}

function buildModules(ctx: MethodContext): LeviModules {
  const { taps, width } = ctx.config.method.levi;
  const all = ctx.net.anatomy.taps;
  const k = Math.min(taps, all.length);
  const tapIndices = Array.from({ length: k }, (_, i) => all.length - k + i);
  let seed = ctx.config.seed * 7919 + 17;
  const init = () => tf.initializers.heNormal({ seed: seed++ });
  const input = tf.input({ shape: ctx.net.anatomy.inputShape });
  let x = tf.layers.conv2d({ filters: Math.max(8, width / 2), kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init() }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.conv2d({ filters: width, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init() }).apply(x) as tf.SymbolicTensor;
  const g = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  const taskModel = tf.model({ inputs: input, outputs: g, name: 'levi_task_model' });
  const adapters = tapIndices.map(() => tf.layers.dense({ units: ctx.data.numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }) }));
  return { taskModel, adapters, tapIndices };
}

/** z_k = A_k(concat(h_k, g)) for each tap. */
function tapLogits(m: LeviModules, pooledTaps: tf.Tensor[], g: tf.Tensor): tf.Tensor2D[] {
  return m.adapters.map((a, i) => a.apply(tf.concat([pooledTaps[i], g], 1)) as tf.Tensor2D);
}

export function createLevi(): FineTuningMethod {
  const cache = new TapCache();
  let modules: LeviModules | null = null;
  const need = () => { if (!modules) throw new Error('LEVI used before prepare'); return modules; };
  /** inference: the frozen network's pooled taps, the task model, the summed adapters */
  const infer = (ctx: MethodContext, x: tf.Tensor4D) => {
    const m = need();
    const out = ctx.net.forward(x, false);
    const z = tapLogits(m, m.tapIndices.map((t) => poolTap(out.taps[t])), m.taskModel.apply(x, { training: false }) as tf.Tensor);
    return { z, logits: addAll(z), features: out.features };
  };
  return {
    kind: 'levi',
    prepare(ctx) {
      ctx.report('LEVI: caching the frozen model\'s taps of the training images');
      modules = buildModules(ctx);
      cache.build(ctx.net, ctx.data.train, modules.tapIndices, true);
    },
    phases(ctx) {
      const m = need();
      // build the adapters (their input width is known only now) so their weights exist before training
      tf.tidy(() => { infer(ctx, ctx.data.train.x.slice([0, 0, 0, 0], [1, -1, -1, -1])); });
      const vars = [...m.taskModel.trainableWeights, ...m.adapters.flatMap((a) => a.trainableWeights)].map((w) => w.read() as tf.Variable);
      return [{
        name: 'LEVI',
        steps: ctx.mainSteps,
        trainsBackbone: false,
        schedule: ctx.config.schedule,
        groups: [paramGroup('levi', 'extra', vars, ctx.config.optimizer, ctx.config.lr)],
        batchNorm: () => 'eval',
        forward: (batch) => {
          const g = m.taskModel.apply(batch.x(), { training: true }) as tf.Tensor;
          return { logits: addAll(tapLogits(m, cache.gather(batch.indices), g)) };
        },
        lossTerms: [],
      }];
    },
    inference: (ctx) => (x) => { const r = infer(ctx, x); return { logits: r.logits, features: r.features }; },
    diagnostics(ctx) {
      // each tap's own accuracy on the ID test images: what each view contributes
      const m = need();
      const test = ctx.data.test;
      const hits = m.tapIndices.map(() => [] as tf.Tensor[]);
      for (const c of chunks(test.count, EVAL_BATCH)) {
        const r = infer(ctx, test.x.slice([c.start, 0, 0, 0], [c.size, -1, -1, -1]));
        const y = test.y.slice([c.start], [c.size]);
        r.z.forEach((z, i) => hits[i].push(tf.sum(tf.cast(tf.equal(tf.argMax(z, 1), y), 'float32'))));
      }
      const out: Record<string, tf.Scalar> = {};
      m.tapIndices.forEach((t, i) => { out[`levi.tapAccuracy:${ctx.net.anatomy.taps[t]}`] = tf.div(addAll(hits[i]), test.count) as tf.Scalar; });
      return out;
    },
    dispose() {
      cache.dispose();
      modules?.taskModel.dispose();
      modules?.adapters.forEach((a) => a.dispose());
      modules = null;
    },
  };
}
