/**
 * The coordinator's progress line: a bar, done / running / waiting / failed, elapsed time and an
 * ETA from this session's throughput. On a terminal it is redrawn in place under the log lines; in
 * a pipe (CI, tests) it is printed as a line when the counts change, at most every few seconds.
 */
export interface ProgressCounts {
  total: number;
  /** finished runs, those already in the file included */
  done: number;
  /** runs a worker is training now */
  running: number;
  failed: number;
}

export function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round(s % 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : m ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

/**
 * ETA in seconds: the runs left times this session's wall time per finished run (the workers'
 * parallelism is in that rate already); NaN before the first run of the session finishes.
 */
export function etaSeconds(c: ProgressCounts, finishedThisSession: number, elapsedSeconds: number): number {
  if (finishedThisSession <= 0) return Number.NaN;
  return Math.max(0, c.total - c.done - c.failed) * (elapsedSeconds / finishedThisSession);
}

export function progressLine(c: ProgressCounts, finishedThisSession: number, elapsedSeconds: number, width = 20): string {
  const waiting = Math.max(0, c.total - c.done - c.failed - c.running);
  const filled = c.total ? Math.round((width * (c.done + c.failed)) / c.total) : width;
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  return `${bar} ${c.done}/${c.total} done · ${c.running} running · ${waiting} waiting · ${c.failed} failed · ` +
    `elapsed ${fmtDuration(elapsedSeconds)} · ETA ${fmtDuration(etaSeconds(c, finishedThisSession, elapsedSeconds))}`;
}

export class ProgressDisplay {
  private last = '';
  private lastPrinted = Number.NEGATIVE_INFINITY;
  private printedCounts = '';
  private shown = false;
  private readonly started = performance.now();

  constructor(
    private readonly out: { write(s: string): unknown; isTTY?: boolean } = process.stdout,
    private readonly minGapMs = 5000,
  ) {}

  /** A log line, printed above the progress line. */
  log(line: string): void {
    this.clear();
    this.out.write(`${line}\n`);
    if (this.out.isTTY && this.last) this.draw();
  }

  /** Redraws (terminal) or prints the line when its counts changed (pipe: at most every minGapMs, unless forced). */
  update(c: ProgressCounts, finishedThisSession: number, force = false): void {
    if (c.total === 0) return; // nothing planned (yet)
    this.last = progressLine(c, finishedThisSession, (performance.now() - this.started) / 1000);
    if (this.out.isTTY) { this.draw(); return; }
    const counts = this.last.replace(/ · elapsed.*/, '');
    const now = performance.now();
    if (counts !== this.printedCounts && (force || now - this.lastPrinted >= this.minGapMs)) {
      this.out.write(`progress ${this.last}\n`);
      this.lastPrinted = now;
      this.printedCounts = counts;
    }
  }

  /** Leaves the last progress line on screen (a terminal) and moves below it. */
  end(): void {
    if (this.out.isTTY && this.shown) this.out.write('\n');
    this.shown = false;
  }

  private draw(): void {
    this.out.write(`\r\x1b[K${this.last}`);
    this.shown = true;
  }

  private clear(): void {
    if (this.out.isTTY && this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
  }
}
