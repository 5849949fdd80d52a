/**
 * Marks a method rebuilt from its paper's description (no public code): a visible badge whose
 * explanation is both a tooltip and the badge's accessible description.
 */
import { useId } from 'react';
import { RECONSTRUCTION_NOTE } from './methodInfo';

export function ReconstructionBadge() {
  const id = useId();
  return (
    <span className="recon" data-testid="reconstruction-badge">
      <span className="recon__badge" title={RECONSTRUCTION_NOTE} aria-describedby={id} tabIndex={0}>Reconstruction</span>
      <span id={id} className="visually-hidden">{RECONSTRUCTION_NOTE}</span>
    </span>
  );
}
