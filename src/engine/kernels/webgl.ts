/**
 * The fused kernels as GLSL programs for TF.js's webgl backend. Inputs are read through flat [n]
 * views made with the backend's own Reshape kernel function (free for unpacked textures, a repack
 * for packed ones, and no engine-level kernel either way); outputs are flat and given the caller's
 * shape. Hyper-parameters are uniforms; SPD's sums loop over the tensor in one fragment per sum.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  ADAM_MOMENTS, ADAM_STEP, MOMENTUM, PULL, SCALED_SUB, SPD_APPLY, SPD_STATE, SQUARED_DISTANCE,
  type AdamMomentsAttrs, type AdamStepAttrs, type MomentumAttrs, type PullAttrs, type ScaledSubAttrs, type SpdApplyAttrs,
} from './names';

type Args = Parameters<tf.KernelFunc>[0];
interface WebGlBackendLike {
  runWebGLProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: number[][]): tf.TensorInfo;
  disposeIntermediateTensorInfo(t: tf.TensorInfo): void;
}
type UniformDecl = { name: string; type: 'float' | 'int' };

const size = (t: tf.TensorInfo) => tf.util.sizeFromShape(t.shape);
const input = (args: Args, name: string) => args.inputs[name] as tf.TensorInfo;

function program(variableNames: string[], outputSize: number, customUniforms: UniformDecl[], body: string) {
  return { variableNames, outputShape: [outputSize], customUniforms, userCode: `void main() {\n${body}\n}` };
}

/** Runs `p` on flat views of `inputs` and returns its output with `shape`. */
function run(args: Args, p: object, inputs: tf.TensorInfo[], uniforms: number[][], shape: number[]): tf.TensorInfo {
  const backend = args.backend as unknown as WebGlBackendLike;
  const reshape = tf.getKernel('Reshape', 'webgl')!.kernelFunc;
  const views = inputs.map((t) => reshape({ inputs: { x: t }, backend: args.backend, attrs: { shape: [size(t)] } }) as tf.TensorInfo);
  try {
    const out = backend.runWebGLProgram(p, views, 'float32', uniforms);
    if (tf.util.arraysEqual(shape, out.shape)) return out;
    const shaped = reshape({ inputs: { x: out }, backend: args.backend, attrs: { shape } }) as tf.TensorInfo;
    backend.disposeIntermediateTensorInfo(out);
    return shaped;
  } finally {
    views.forEach((v) => backend.disposeIntermediateTensorInfo(v));
  }
}

const float = (name: string): UniformDecl => ({ name, type: 'float' });

const kernels: Record<string, tf.KernelFunc> = {
  [ADAM_MOMENTS]: (args) => {
    const { beta1, beta2 } = args.attrs as unknown as AdamMomentsAttrs;
    const mv = input(args, 'moments');
    const g = input(args, 'grad');
    const p = program(['mv', 'g'], size(mv), [{ name: 'halfSize', type: 'int' }, float('beta1'), float('oneMinusBeta1'), float('beta2'), float('oneMinusBeta2')], `
      int i = getOutputCoords();
      if (i < halfSize) {
        setOutput(getMv(i) * beta1 + getG(i) * oneMinusBeta1);
      } else {
        float gi = getG(i - halfSize);
        setOutput(getMv(i) * beta2 + (gi * gi) * oneMinusBeta2);
      }`);
    return run(args, p, [mv, g], [[size(g)], [beta1], [1 - beta1], [beta2], [1 - beta2]], mv.shape);
  },
  [ADAM_STEP]: (args) => {
    const { lr, c1, c2, epsilon } = args.attrs as unknown as AdamStepAttrs;
    const theta = input(args, 'theta');
    const p = program(['theta', 'mv'], size(theta), [{ name: 'halfSize', type: 'int' }, float('lr'), float('c1'), float('c2'), float('epsilon')], `
      int i = getOutputCoords();
      float update = (getMv(i) / c1) / (sqrt(getMv(i + halfSize) / c2) + epsilon);
      setOutput(getTheta(i) - update * lr);`);
    return run(args, p, [theta, input(args, 'moments')], [[size(theta)], [lr], [c1], [c2], [epsilon]], theta.shape);
  },
  [MOMENTUM]: (args) => {
    const b = input(args, 'buffer');
    const p = program(['b', 'g'], size(b), [float('momentum')], `
      int i = getOutputCoords();
      setOutput(getB(i) * momentum + getG(i));`);
    return run(args, p, [b, input(args, 'grad')], [[(args.attrs as unknown as MomentumAttrs).momentum]], b.shape);
  },
  [SCALED_SUB]: (args) => {
    const x = input(args, 'x');
    const p = program(['x', 'y'], size(x), [float('scale')], `
      int i = getOutputCoords();
      setOutput(getX(i) - getY(i) * scale);`);
    return run(args, p, [x, input(args, 'y')], [[(args.attrs as unknown as ScaledSubAttrs).scale]], x.shape);
  },
  [SPD_STATE]: (args) => {
    const theta = input(args, 'theta');
    // the tensor size is a constant of the shader: GLSL ES loops want constant bounds
    const n = size(theta);
    const p = program(['theta', 'g', 'anchor', 'proposed', 'state'], 4, [], `
      int k = getOutputCoords();
      float gdev = 0.0;
      float next = 0.0;
      float current = 0.0;
      for (int i = 0; i < ${n}; i++) {
        float dev = getTheta(i) - getAnchor(i);
        float pd = getProposed(i) - getAnchor(i);
        gdev += getG(i) * dev;
        next += pd * pd;
        current += dev * dev;
      }
      if (k == 0) setOutput(gdev);
      else if (k == 1) setOutput(next);
      else if (k == 2) setOutput(current);
      else setOutput(getState(3) + (-gdev < 0.0 ? 1.0 : 0.0));`);
    const inputs = ['theta', 'grad', 'anchor', 'proposed', 'state'].map((name) => input(args, name));
    return run(args, p, inputs, [], [4]);
  },
  [SQUARED_DISTANCE]: (args) => {
    const x = input(args, 'x');
    const p = program(['x', 'anchor'], 1, [], `
      float sum = 0.0;
      for (int i = 0; i < ${size(x)}; i++) {
        float d = getX(i) - getAnchor(i);
        sum += d * d;
      }
      setOutput(sum);`);
    return run(args, p, [x, input(args, 'anchor')], [], []);
  },
  [PULL]: (args) => {
    const g = input(args, 'grad');
    const p = program(['g', 'x', 'anchor'], size(g), [float('strength')], `
      int i = getOutputCoords();
      setOutput(getG(i) + (getX(i) - getAnchor(i)) * strength);`);
    return run(args, p, [g, input(args, 'x'), input(args, 'anchor')], [[(args.attrs as unknown as PullAttrs).strength]], g.shape);
  },
  [SPD_APPLY]: (args) => {
    const proposed = input(args, 'proposed');
    const p = program(['proposed', 'anchor', 'state'], size(proposed), [float('lambda')], `
      int i = getOutputCoords();
      float next = sqrt(getState(1));
      float r = clamp((next - sqrt(getState(2))) / (next + 1e-12), 0.0, 1.0);
      float k = (-getState(0) < 0.0 ? 1.0 : 0.0) * (r * lambda);
      float v = getProposed(i);
      setOutput(v - k * (v - getAnchor(i)));`);
    return run(args, p, [proposed, input(args, 'anchor'), input(args, 'state')], [[(args.attrs as unknown as SpdApplyAttrs).lambda]], proposed.shape);
  },
};

export function installWebGlKernels(): void {
  for (const [kernelName, kernelFunc] of Object.entries(kernels)) {
    if (tf.getKernel(kernelName, 'webgl') == null) tf.registerKernel({ kernelName, backendName: 'webgl', kernelFunc });
  }
}
