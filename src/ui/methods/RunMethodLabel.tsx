/** A run's method, e.g. "FT + L2-SP + FT-LP", with the Reconstruction badge beside each rebuilt part. */
import type { MethodConfig } from '../../engine/config/schema';
import { ReconstructionBadge } from './ReconstructionBadge';
import { runMethodParts } from './runMethodName';

export function RunMethodLabel({ method, testId }: { method: MethodConfig; testId?: string }) {
  const parts = runMethodParts(method);
  return (
    <span className="run-method" data-testid={testId}>
      {parts.map((p, i) => (
        <span key={p.name} className="run-method__part">
          {i > 0 && <span className="run-method__plus">+</span>}
          <span className="run-method__name" title={p.label}>{p.name}</span>
          {p.reconstruction && <ReconstructionBadge />}
        </span>
      ))}
    </span>
  );
}
