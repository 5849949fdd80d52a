/** Opens the presentation view (the link says `view=present`, so a copied link opens it too). */
import { useShare } from '../url/shareStore';

export function PresentButton() {
  const setPresent = useShare((s) => s.setPresent);
  return (
    <button type="button" className="btn btn--small" data-testid="present-open" onClick={() => setPresent(true)}
      title="One screen for a projector: the scenario, the run controls and the key charts in large type">
      Present
    </button>
  );
}
