/** The runs compare mode shows, grouped by setting: used by the Compare tab and the presentation view's race. */
import { useMemo } from 'react';
import { usePlayground } from '../store/StoreContext';
import { newRunView, type RunView } from '../store/runView';
import { groupRuns } from './compare';

/** The compared runs (queued ones as empty placeholders, so their rows say they are still to run). */
export function useCompared() {
  const comparison = usePlayground((s) => s.comparison);
  const runs = usePlayground((s) => s.runs);
  const queue = usePlayground((s) => s.queue);
  return useMemo(() => {
    if (!comparison) return null;
    const byId = new Map(runs.map((r) => [r.id, r]));
    const queued = new Map(queue.map((q) => [q.id, q]));
    const views: RunView[] = [];
    const interrupted = new Set<string>();
    for (const id of comparison.ids) {
      const entry = byId.get(id);
      if (entry) {
        views.push(entry.view);
        if (entry.ending === 'interrupted' || entry.ending === 'incomplete') interrupted.add(id);
      } else if (queued.has(id)) views.push(newRunView(id, queued.get(id)!.config));
    }
    return { base: comparison.base, baseName: comparison.baseIs === 'settings' ? 'current settings' : null, views, interrupted, groups: groupRuns(views) };
  }, [comparison, runs, queue]);
}
