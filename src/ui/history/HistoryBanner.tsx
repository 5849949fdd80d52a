/** Says plainly when runs will not outlive the page: IndexedDB is missing, refused or full. */
import { usePlayground } from '../store/StoreContext';

export function HistoryBanner() {
  const status = usePlayground((s) => s.historyStatus);
  if (status.state !== 'off') return null;
  return (
    <div className="banner banner--warn" role="status" data-testid="history-off">
      <strong>Run history is off: {status.reason}.</strong> Runs still train and compare, but they will be gone when this page is
      reloaded or closed. Export them (Runs tab) to keep them.
    </div>
  );
}
