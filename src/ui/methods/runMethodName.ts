/** The name of a run's method as the run view shows it: base method, then each enabled regulariser. */
import { MODIFIER_IDS, type MethodConfig } from '../../engine/config/schema';
import { METHOD_INFO, MODIFIER_INFO } from './methodInfo';

export interface RunMethodPart {
  /** "DAFT", "Frozen-2", "SPD" */
  name: string;
  /** full label, for a tooltip */
  label: string;
  reconstruction: boolean;
}

export function runMethodParts(method: MethodConfig): RunMethodPart[] {
  const base = METHOD_INFO[method.kind];
  const baseName = method.kind === 'frozen-k' ? `Frozen-${method.frozenBlocks}` : base.short;
  return [
    { name: baseName, label: base.label, reconstruction: !!base.reconstruction },
    ...MODIFIER_IDS.filter((id) => method[id].enabled).map((id) => {
      const m = MODIFIER_INFO[id];
      return { name: m.short, label: m.label, reconstruction: !!m.reconstruction };
    }),
  ];
}

/** "DAFT + SPD + FT-LP" */
export function runMethodName(method: MethodConfig): string {
  return runMethodParts(method).map((p) => p.name).join(' + ');
}
