/**
 * The run history in IndexedDB (through idb-keyval): one key per run, so two open tabs never
 * rewrite each other's runs, and no shared index to read-modify-write. Each write of a run happens
 * in one transaction that keeps what another tab may have changed meanwhile (a new name) and
 * never brings back a run another tab deleted. Tabs tell each other about changes on a
 * BroadcastChannel, and hold a Web Lock while open so a new tab can tell a run still training in
 * another tab from one a reload interrupted.
 *
 * When IndexedDB cannot be used (a private window, storage blocked, or full), every method still
 * resolves: runs live on in memory, and `status` says why history is off.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { RunEntry } from '../runs/runEntry';
import { entryFromRecord, markInterrupted, readRecord, recordKey, startupState, toRecord, type StoredRun } from './records';

export interface HistoryBackend {
  /** a small write and delete: fails where storage is refused */
  probe(): Promise<void>;
  values(): Promise<unknown[]>;
  get(id: string): Promise<unknown>;
  /**
   * Writes the record. With `create` false a record that is gone (deleted in another tab) stays
   * gone: resolves false. A name already stored is kept (a rename made elsewhere wins).
   */
  put(record: StoredRun, create: boolean): Promise<boolean>;
  /** Changes one record in one transaction; false when it is gone or unreadable. */
  patch(id: string, change: (record: StoredRun) => StoredRun): Promise<boolean>;
  remove(id: string): Promise<void>;
}

export const HISTORY_DB = 'ftp-history';

/** Runs `body` with the store's object store inside one readwrite transaction; resolves when it commits. */
function inTransaction<T>(store: UseStore, body: (s: IDBObjectStore, done: (value: T) => void, fail: (e: unknown) => void) => void): Promise<T> {
  return store('readwrite', (s) => new Promise<T>((resolve, reject) => {
    let result: T;
    body(s, (value) => { result = value; }, reject);
    s.transaction.oncomplete = () => resolve(result);
    s.transaction.onabort = s.transaction.onerror = () => reject(s.transaction.error);
  }));
}

export function idbBackend(dbName = HISTORY_DB): HistoryBackend {
  const store = createStore(dbName, 'runs');
  return {
    async probe() {
      await store('readwrite', (s) => { s.put(Date.now(), 'probe'); s.delete('probe'); return promisifyRequest(s.transaction); });
    },
    values: () => store('readonly', (s) => promisifyRequest(s.getAll())),
    get: (id) => store('readonly', (s) => promisifyRequest(s.get(recordKey(id)))),
    put: (record, create) => inTransaction<boolean>(store, (s, done) => {
      const key = recordKey(record.id);
      const req = s.get(key);
      req.onsuccess = () => {
        const old = req.result as Partial<StoredRun> | undefined;
        if (!old && !create) { done(false); return; }
        const label = typeof old?.label === 'string' ? old.label : record.label;
        const createdAt = typeof old?.createdAt === 'number' ? old.createdAt : record.createdAt;
        s.put({ ...record, label, createdAt }, key);
        done(true);
      };
    }),
    patch: (id, change) => inTransaction<boolean>(store, (s, done, fail) => {
      const key = recordKey(id);
      const req = s.get(key);
      req.onsuccess = () => {
        const read = req.result === undefined ? null : readRecord(req.result);
        if (!read?.ok) { done(false); return; }
        try { s.put(change(read.record), key); done(true); } catch (e) { fail(e); }
      };
    }),
    remove: (id) => store('readwrite', (s) => { s.delete(recordKey(id)); return promisifyRequest(s.transaction); }),
  };
}

/** The page's IndexedDB history, or null where the browser has none. */
export function defaultHistoryBackend(): HistoryBackend | null {
  try {
    return typeof indexedDB === 'undefined' || !indexedDB ? null : idbBackend();
  } catch {
    return null; // a browser that throws on merely touching indexedDB (storage blocked)
  }
}

/** Why storing failed, in words for the banner. */
export function storageProblem(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = (e as { message?: string } | null)?.message ?? String(e);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) return 'the browser’s storage for this page is full';
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'UnknownError' || name === 'NotAllowedError') {
    return 'this browser does not let the page store data (a private window, or storage blocked for this site)';
  }
  return `the browser refused to store it (${name || 'error'}: ${message.slice(0, 120)})`;
}

export type HistoryStatus =
  | { state: 'opening' }
  | { state: 'on' }
  | { state: 'off'; reason: string };

type Message = { type: 'changed' | 'removed'; id: string; from: string };

export interface HistoryOptions {
  /** this page load */
  tab: string;
  /** tabs of this page open now (null: the browser cannot tell) */
  liveTabs?: () => Promise<ReadonlySet<string> | null>;
  now?: () => number;
  /** where tabs tell each other about changes (null: no other tab hears of them) */
  channel?: { postMessage(m: Message): void; onmessage: ((e: MessageEvent<Message>) => void) | null } | null;
  onStatus?(status: HistoryStatus): void;
  /** another tab changed (record) or deleted (null) a run */
  onRemote?(id: string, entry: RunEntry | null): void;
}

const LOCK_PREFIX = 'ftp-tab:';

/** Holds this tab's lock for as long as the page is open (the lock is its sign of life to other tabs). */
export function holdTabLock(tab: string): void {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  void locks?.request(`${LOCK_PREFIX}${tab}`, () => new Promise<never>(() => undefined)).catch(() => undefined);
}

export async function liveTabsFromLocks(): Promise<ReadonlySet<string> | null> {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks) return null;
  try {
    const { held = [] } = await locks.query();
    return new Set(held.map((l) => l.name ?? '').filter((n) => n.startsWith(LOCK_PREFIX)).map((n) => n.slice(LOCK_PREFIX.length)));
  } catch {
    return null;
  }
}

export class RunHistory {
  private statusValue: HistoryStatus;
  private readonly now: () => number;

  constructor(private readonly backend: HistoryBackend | null, private readonly opts: HistoryOptions) {
    this.now = opts.now ?? Date.now;
    this.statusValue = backend ? { state: 'opening' } : { state: 'off', reason: 'this browser offers no IndexedDB' };
    if (opts.channel) opts.channel.onmessage = (e) => void this.heard(e.data);
  }

  get status(): HistoryStatus {
    return this.statusValue;
  }

  private setStatus(status: HistoryStatus): void {
    if (status.state === this.statusValue.state && (status.state !== 'off' || status.reason === (this.statusValue as { reason: string }).reason)) return;
    this.statusValue = status;
    this.opts.onStatus?.(status);
  }

  private failed(e: unknown): void {
    this.setStatus({ state: 'off', reason: storageProblem(e) });
  }

  private tell(type: Message['type'], id: string): void {
    try { this.opts.channel?.postMessage({ type, id, from: this.opts.tab }); } catch { /* a closed channel: nobody to tell */ }
  }

  private async heard(m: Message): Promise<void> {
    if (!this.backend || !m || m.from === this.opts.tab || typeof m.id !== 'string') return;
    if (m.type === 'removed') { this.opts.onRemote?.(m.id, null); return; }
    try {
      const read = readRecord(await this.backend.get(m.id));
      if (!read.ok) return;
      const live = read.record.state === 'running' ? await this.opts.liveTabs?.() ?? null : null;
      this.opts.onRemote?.(m.id, entryFromRecord(read.record, read.record.state === 'running' && (live?.has(read.record.tab) ?? true)));
    } catch { /* the next change will tell again */ }
  }

  /**
   * Reads every saved run. Records left 'running' by a tab that is gone are marked interrupted
   * (and written back so); unreadable records are skipped and counted.
   */
  async open(): Promise<{ entries: RunEntry[]; skipped: number }> {
    if (!this.backend) return { entries: [], skipped: 0 };
    let values: unknown[];
    try {
      await this.backend.probe();
      values = await this.backend.values();
    } catch (e) {
      this.failed(e);
      return { entries: [], skipped: 0 };
    }
    this.setStatus({ state: 'on' });
    const live = await (this.opts.liveTabs?.() ?? Promise.resolve(null));
    const entries: RunEntry[] = [];
    let skipped = 0;
    for (const value of values) {
      const read = readRecord(value);
      if (!read.ok) { skipped++; continue; }
      const record = read.record;
      const state = startupState(record, this.opts.tab, live);
      if (state === 'interrupted') {
        const marked = markInterrupted(record, this.now());
        // only if it is still the unfinished record we read (its tab may have written it meanwhile)
        void this.backend.patch(record.id, (r) => (r.state === 'running' && r.updatedAt === record.updatedAt ? marked : r)).catch(() => undefined);
        entries.push(entryFromRecord(marked));
      } else {
        entries.push(entryFromRecord(record, state === 'elsewhere'));
      }
    }
    entries.sort((a, b) => a.createdAt - b.createdAt);
    return { entries, skipped };
  }

  /** Saves a run (at its start with `create`, then at each evaluation and at its end). */
  async save(entry: RunEntry, create: boolean): Promise<void> {
    if (!this.backend) return;
    try {
      const written = await this.backend.put(toRecord(entry, this.opts.tab, this.now()), create);
      if (written) {
        this.setStatus({ state: 'on' });
        this.tell('changed', entry.id);
      }
    } catch (e) {
      this.failed(e);
    }
  }

  async rename(id: string, label: string): Promise<void> {
    if (!this.backend) return;
    try {
      if (await this.backend.patch(id, (r) => ({ ...r, label, updatedAt: this.now() }))) this.tell('changed', id);
    } catch (e) {
      this.failed(e);
    }
  }

  async remove(id: string): Promise<void> {
    if (!this.backend) return;
    try {
      await this.backend.remove(id);
      this.tell('removed', id);
    } catch (e) {
      this.failed(e);
    }
  }
}
