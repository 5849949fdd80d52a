/**
 * A run's method config → the one FineTuningMethod the training loop runs: the base method's
 * implementation with each enabled modifier composed onto it, each loaded through its spec
 * (specs.ts). A new method is its implementation and its spec; the loop is untouched.
 */
import * as tf from '@tensorflow/tfjs';
import type { MethodConfig } from '../config/schema';
import { baseSpec, modifierSpecs } from './specs';
import type { FineTuningMethod } from './types';

/** The base method with every enabled modifier applied to its backbone-training phases. */
export async function createMethod(config: MethodConfig): Promise<FineTuningMethod> {
  const spec = baseSpec(config.kind);
  if (!spec) throw new Error(`unknown method ${config.kind}`);
  const base = (await spec.load())();
  const enabled = modifierSpecs().filter((m) => (config as Record<string, unknown> as Record<string, { enabled?: boolean } | undefined>)[m.id]?.enabled);
  const modifiers = await Promise.all(enabled.map(async (m) => (await m.load())()));
  if (!modifiers.length) return base;
  return {
    kind: `${base.kind}+${modifiers.map((m) => m.id).join('+')}`,
    headInit: base.headInit,
    async prepare(ctx) {
      await base.prepare?.(ctx);
      for (const m of modifiers) await m.prepare?.(ctx);
    },
    phases: (ctx) => base.phases(ctx).map((p) => (p.trainsBackbone ? modifiers.reduce((q, m) => m.adjustPhase(q, ctx), p) : p)),
    inference: base.inference,
    diagnostics(ctx) {
      const all: Record<string, tf.Scalar> = { ...base.diagnostics?.(ctx) };
      for (const m of modifiers) Object.assign(all, m.diagnostics?.(ctx));
      return all;
    },
    facts: base.facts,
    dispose() {
      base.dispose?.();
      modifiers.forEach((m) => m.dispose?.());
    },
  };
}
