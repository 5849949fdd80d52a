/** Method kinds → plug-ins. A new method is a new file and one line here; the loop is untouched. */
import type { MethodKind } from '../config/schema';
import { fullFineTuning } from './ft';
import { frozenK } from './frozenK';
import { createLinearProbing } from './lp';
import { createLpFt } from './lpft';
import type { FineTuningMethod } from './types';

const FACTORIES: Record<MethodKind, () => FineTuningMethod> = {
  ft: () => fullFineTuning,
  lp: createLinearProbing,
  'lp-ft': createLpFt,
  'frozen-k': () => frozenK,
};

export function createMethod(kind: MethodKind): FineTuningMethod {
  return FACTORIES[kind]();
}
