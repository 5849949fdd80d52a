/**
 * Method kinds and modifiers → plug-ins, composed into the one FineTuningMethod the training loop
 * runs. A new method is a new file and one line here; the loop is untouched.
 */
import * as tf from '@tensorflow/tfjs';
import { MODIFIER_IDS, type MethodConfig, type MethodKind, type ModifierId } from '../config/schema';
import { createDaft } from './daft';
import { fullFineTuning } from './ft';
import { frozenK } from './frozenK';
import { createLevi } from './levi';
import { createLinearProbing } from './lp';
import { createLpFt } from './lpft';
import { createFtLp } from './modifiers/ftlp';
import { createL2sp } from './modifiers/l2sp';
import { createSpd } from './modifiers/spd';
import type { FineTuningMethod, MethodModifier } from './types';

const METHODS: Record<MethodKind, () => FineTuningMethod> = {
  ft: () => fullFineTuning,
  lp: createLinearProbing,
  'lp-ft': createLpFt,
  'frozen-k': () => frozenK,
  daft: createDaft,
  levi: createLevi,
};

const MODIFIERS: Record<ModifierId, () => MethodModifier> = {
  spd: createSpd,
  l2sp: createL2sp,
  ftlp: createFtLp,
};

/** The base method with every enabled modifier applied to its backbone-training phases. */
export function createMethod(config: MethodConfig): FineTuningMethod {
  const base = METHODS[config.kind]();
  const modifiers = MODIFIER_IDS.filter((id) => config[id].enabled).map((id) => MODIFIERS[id]());
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
