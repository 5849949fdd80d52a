/**
 * The "Method diagnostics" card: for each method of the run that reports something about itself,
 * the diagnostic that explains why it should help (diagnosticData.ts decides which are present, so
 * DAFT + SPD + FT-LP shows all three). Hidden when the run has none.
 */
import { useMemo } from 'react';
import { formatValue } from '../../format/format';
import { RunMethodLabel } from '../../methods/RunMethodLabel';
import { usePlayground } from '../../store/StoreContext';
import { DaftCheck } from './DaftCheck';
import { daftCheck, diagnosticPanels, expectedPanels, otherDiagnostics, PANEL_NAMES } from './diagnosticData';
import { DiagPanel } from './DiagPanel';
import { FtLpRegulariserChart, FtLpVarianceChart } from './FtLpDiagnostics';
import { LeviTapBars } from './LeviDiagnostics';
import { SpdDecayBars, SpdDistanceChart } from './SpdDiagnostics';

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
  const panels = useMemo(() => diagnosticPanels(evals, facts), [evals, facts]);
  const check = useMemo(() => daftCheck(facts), [facts]);
  if (!panels.length || !method) return null;
  const charted = panels.filter((p) => p !== 'daft');
  const pending = expectedPanels(method).filter((p) => p !== 'daft' && !panels.includes(p));
  return (
    <section className="card diagnostics" data-testid="method-diagnostics" aria-labelledby="diagnostics-heading">
      <header className="diagnostics__head">
        <h2 id="diagnostics-heading" className="card__title">Method diagnostics</h2>
        <p className="card__subtitle">
          What the methods of this run (<RunMethodLabel method={method} />) measure about themselves: the quantity each one acts on.
        </p>
      </header>
      {check && <DaftCheck check={check} />}
      {charted.length > 0 && (
        <div className="diag-grid">
          {panels.includes('spd') && <SpdDecayBars evals={evals} order={order} />}
          {panels.includes('spd') && <SpdDistanceChart evals={evals} totalSteps={totalSteps} />}
          {panels.includes('ftlp') && <FtLpVarianceChart evals={evals} totalSteps={totalSteps} />}
          {panels.includes('ftlp') && <FtLpRegulariserChart evals={evals} totalSteps={totalSteps} />}
          {panels.includes('levi') && <LeviTapBars evals={evals} />}
          {panels.includes('other') && <OtherDiagnostics evals={evals} />}
        </div>
      )}
      {pending.length > 0 && (
        <p className="diag-pending muted">{pending.map((p) => PANEL_NAMES[p]).join(' and ')} diagnostics appear after the first evaluation.</p>
      )}
    </section>
  );
}
