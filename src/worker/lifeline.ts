/**
 * The worker's sign of life for the page: a Web Lock held for as long as the worker exists. The
 * browser releases it when the worker ends in any way (killed, out of memory, crashed, closed),
 * which a heartbeat could only guess at: a long training step on a slow backend would look dead.
 */
import type { WorkerToPage } from '../protocol/messages';

export function holdLifeline(post: (m: WorkerToPage) => void): void {
  const locks = (self.navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return; // no Web Locks: the page still hears of errors through the worker's error event
  const id = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  const lock = `ftp-worker:${id}`;
  void locks.request(lock, () => {
    post({ kind: 'lifeline', lock });
    return new Promise<never>(() => undefined); // held until the worker is gone
  }).catch(() => undefined);
}
