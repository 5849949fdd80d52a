/** Every sweep run the lab holds: its point, how many training labels were flipped, final errors, when train error reached ≈ 0. */
import type { SweepRecord } from '../../engine/sweep/record';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export function LabRunsTable({ records }: { records: SweepRecord[] }) {
  if (records.length === 0) return null;
  const sorted = [...records].sort((a, b) => a.point.source.localeCompare(b.point.source) || a.point.trainSize - b.point.trainSize
    || a.point.labelNoise - b.point.labelNoise || a.point.k - b.point.k);
  return (
    <details className="card lab__runs" data-testid="lab-runs" open={records.length <= 12}>
      <summary className="card__title">Runs ({records.length})</summary>
      <table className="results-table">
        <thead>
          <tr>
            <th scope="col">source</th><th scope="col">k</th><th scope="col">train images</th><th scope="col">label noise</th>
            <th scope="col">labels flipped</th><th scope="col">epochs</th><th scope="col">final train error</th><th scope="col">final test error</th>
            <th scope="col">min test error (epoch)</th><th scope="col">train error ≈ 0 at epoch</th><th scope="col">status</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const best = r.curve.reduce((b, c) => (c.testErr < b.testErr ? c : b), r.curve[0] ?? { epoch: 0, testErr: 1 });
            const last = r.curve[r.curve.length - 1];
            return (
              <tr key={`${r.sweep}|${r.point.source}|${r.point.k}|${r.point.trainSize}|${r.point.labelNoise}`} data-testid="lab-run-row">
                <td>{r.point.source}</td><td>{r.point.k}</td><td>{r.trainImages}</td><td>{Math.round(r.point.labelNoise * 100)} %</td>
                <td data-testid="lab-flipped">{r.flippedLabels} of {r.trainImages}</td><td>{last ? last.epoch : 0}</td>
                <td>{pct(r.final.trainErr)}</td><td>{pct(r.final.testErr)}</td>
                <td>{pct(best.testErr)} ({best.epoch})</td><td>{r.interpolationEpoch ?? '—'}</td><td>{r.status}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
