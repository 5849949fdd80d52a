/** How many runs train at once: the page's choice for this hardware and backend (with why), or the user's. */
import { MAX_PARALLEL_RUNS } from '../../client/concurrency';
import { usePlayground } from '../store/StoreContext';

export function ParallelRuns({ id = 'parallel-runs' }: { id?: string }) {
  const parallel = usePlayground((s) => s.parallel);
  const setParallelRuns = usePlayground((s) => s.setParallelRuns);
  return (
    <div className="field parallel-runs" data-testid="parallel-runs" data-runs={parallel.runs}>
      <label htmlFor={id}>Runs at once</label>
      <select id={id} value={parallel.chosen ?? 'auto'} aria-describedby={`${id}-why`}
        onChange={(e) => setParallelRuns(e.target.value === 'auto' ? null : Number(e.target.value))}>
        <option value="auto">Auto ({parallel.auto})</option>
        {Array.from({ length: MAX_PARALLEL_RUNS }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n}</option>)}
      </select>
      <p id={`${id}-why`} className="field__hint">
        {parallel.chosen === null ? parallel.reason : `${parallel.chosen} set by you (auto would be ${parallel.auto}: ${parallel.reason.replace(/^\d+ runs? at once: /, '')})`}.
        {' '}Runs side by side give the same numbers as one after another.
      </p>
    </div>
  );
}
