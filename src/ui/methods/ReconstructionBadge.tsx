/**
 * Marks a method rebuilt from its paper's description (no public code): a visible badge whose
 * explanation is its tooltip and, for screen readers, part of its text (unless the same sentence
 * is already shown beside it).
 */
import { RECONSTRUCTION_NOTE } from './methodInfo';

export function ReconstructionBadge({ noteShownBeside = false }: { noteShownBeside?: boolean }) {
  return (
    <span className="recon" data-testid="reconstruction-badge" title={RECONSTRUCTION_NOTE}>
      <span className="recon__badge">Reconstruction</span>
      {!noteShownBeside && <span className="visually-hidden">: {RECONSTRUCTION_NOTE}.</span>}
    </span>
  );
}
