/**
 * The "Method diagnostics" card: for each method of the run that reports something about itself,
 * its registered panel (panel.ts; diagnosticData.ts decides which are present, so a base method
 * with two modifiers shows all three). Hidden when the run has none.
 */
import { Fragment, useMemo } from 'react';
import { formatValue } from '../../format/format';
import { RunMethodLabel } from '../../methods/RunMethodLabel';
import { usePlayground } from '../../store/StoreContext';
import { diagnosticPanels, expectedPanels, otherDiagnostics, panelName } from './diagnosticData';
import { DiagPanel } from './DiagPanel';
import { PANELS, type PanelProps } from './panel';

const EMPTY: never[] = [];

function OtherDiagnostics({ evals }: { evals: Parameters<typeof otherDiagnostics>[0] }) {
  const rows = otherDiagnostics(evals);
  return (
    <DiagPanel testId="diag-other" method="other" title="Further diagnostics (latest evaluation)"
      lookFor="Values a method reported that this page has no chart for yet.">
      <table className="diag-table">
        <tbody>{rows.map((r) => <tr key={r.key}><th scope="row">{r.key}</th><td>{formatValue(r.value)}</td></tr>)}</tbody>
      </table>
    </DiagPanel>
  );
}

export function MethodDiagnostics() {
  const evals = usePlayground((s) => s.run?.evals) ?? EMPTY;
  const facts = usePlayground((s) => s.run?.info?.methodFacts);
  const order = usePlayground((s) => s.run?.info?.driftLayers) ?? EMPTY;
  const method = usePlayground((s) => s.run?.config.method);
  const totalSteps = usePlayground((s) => s.run?.progress.totalSteps ?? 0);
  const found = useMemo(() => diagnosticPanels(evals, facts), [evals, facts]);
  if (!found.length || !method) return null;
  // a namespace without a registered panel is listed with the other values
  const panels = found.filter((p) => p === 'other' || PANELS.has(p));
  if (panels.length < found.length && !panels.includes('other')) panels.push('other');
  const props: PanelProps = { evals, order, totalSteps, facts };
  const charted = panels.filter((p) => p === 'other' || PANELS.get(p)?.charts);
  const pending = expectedPanels(method).filter((p) => PANELS.get(p)?.charts && !panels.includes(p));
  return (
    <section className="card diagnostics" data-testid="method-diagnostics" aria-labelledby="diagnostics-heading">
      <header className="diagnostics__head">
        <h2 id="diagnostics-heading" className="card__title">Method diagnostics</h2>
        <p className="card__subtitle">
          What the methods of this run (<RunMethodLabel method={method} />) measure about themselves: the quantity each one acts on.
        </p>
      </header>
      {panels.map((p) => <Fragment key={p}>{PANELS.get(p)?.header?.(props)}</Fragment>)}
      {charted.length > 0 && (
        <div className="diag-grid">
          {charted.map((p) => <Fragment key={p}>{p === 'other' ? <OtherDiagnostics evals={evals} /> : PANELS.get(p)?.charts?.(props)}</Fragment>)}
        </div>
      )}
      {pending.length > 0 && (
        <p className="diag-pending muted">{pending.map(panelName).join(' and ')} diagnostics appear after the first evaluation.</p>
      )}
    </section>
  );
}
