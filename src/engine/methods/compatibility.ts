/**
 * Which toggles combine, and why not when they do not. The page disables a control with the same
 * reason that config validation refuses it with, so both read this one table.
 */
import type { MethodKind, ModifierId } from '../config/schema';

export interface ModelTraits {
  blockCount: number;
  hasBatchNorm: boolean;
}

const MODIFIER_NAMES: Record<ModifierId, string> = { spd: 'SPD', l2sp: 'L2-SP', ftlp: 'FT-LP' };
const MODIFIER_ACTS_ON: Record<ModifierId, string> = {
  spd: 'decays updates of pretrained weights toward θ0',
  l2sp: 'penalises pretrained weights for leaving θ0',
  ftlp: 'ties the fine-tuned features to the pretrained ones',
};

/** Why `kind` cannot run on this model, or null. */
export function methodConflict(kind: MethodKind, model: ModelTraits, modelId: string): string | null {
  if (kind === 'daft' && !model.hasBatchNorm) {
    return `DAFT converts BatchNorm layers to the target statistics; ${modelId} has no BatchNorm layer, so there is nothing to convert`;
  }
  return null;
}

/** Why modifier `mod` cannot be combined with `kind` (k frozen blocks for Frozen-k), or null. */
export function modifierConflict(mod: ModifierId, kind: MethodKind, model: ModelTraits, frozenBlocks: number): string | null {
  const name = MODIFIER_NAMES[mod];
  const what = MODIFIER_ACTS_ON[mod];
  if (kind === 'lp') return `${name} ${what}; LP keeps every pretrained weight frozen and trains only the head, so ${name} would change nothing`;
  if (kind === 'levi') return `${name} ${what}; LEVI keeps the pretrained model frozen and trains a separate task model, so ${name} would change nothing`;
  if (mod === 'ftlp' && kind === 'daft') {
    return 'FT-LP freezes BatchNorm (inference statistics) in the whole network, as MIRO does, so that its prior compares like with like; DAFT converts BatchNorm to the target statistics and then trains it in batch-statistics mode, so the two cannot both hold';
  }
  if (kind === 'frozen-k' && frozenBlocks >= model.blockCount) {
    return `${name} ${what}; with all ${model.blockCount} blocks frozen no pretrained weight trains (this is LP)`;
  }
  return null;
}

/** Why WiSE-FT's weight interpolation does not apply after a run of `kind`, or null. */
export function wiseFtConflict(kind: MethodKind): string | null {
  if (kind === 'levi') return 'WiSE-FT interpolates fine-tuned and pretrained weights of one network; LEVI leaves the pretrained network unchanged and adds a separate model';
  if (kind === 'lp') return 'WiSE-FT interpolates fine-tuned and pretrained weights; after LP the backbone equals the pretrained one and only the head differs';
  return null;
}
