/**
 * For the queue's tests and measurements: the project's scripts as real child processes (worker,
 * coordinators), with their output kept and waited on. Not a mock: these are the real commands.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** tsx's loader by absolute URL, so a script also runs from another working directory */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export class Proc {
  readonly child: ChildProcess;
  out = '';
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly listeners = new Set<() => void>();

  constructor(script: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(process.execPath, ['--import', TSX, join(REPO_ROOT, script), ...args], {
      cwd: opts.cwd ?? REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1', ...opts.env },
    });
    const keep = (b: Buffer) => { this.out += b.toString(); for (const l of this.listeners) l(); };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exit = new Promise((done) => this.child.on('exit', (code, signal) => done({ code, signal })));
  }

  get pid(): number { return this.child.pid!; }

  /** Resolves with the first match in the output so far or to come; rejects after timeoutMs, showing the output. */
  waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return new Promise((done, fail) => {
      const check = () => {
        const m = this.out.match(pattern);
        if (!m) return false;
        this.listeners.delete(check);
        clearTimeout(timer);
        done(m);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        fail(new Error(`no ${pattern} after ${timeoutMs} ms in the output of ${this.child.spawnargs.slice(3).join(' ')}:\n${this.out.slice(-3000)}`));
      }, timeoutMs);
      if (!check()) this.listeners.add(check);
    });
  }

  /** Counts the lines that match. */
  count(pattern: RegExp): number {
    return this.out.split('\n').filter((l) => pattern.test(l)).length;
  }

  /** SIGTERM (a worker then finishes the jobs in hand), then SIGKILL after graceMs. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

/** `npm run worker` with short lock and stalled-check times, so a killed worker's job is retried within seconds. */
export function startWorker(url: string, name: string, opts: { cwd?: string; extra?: string[] } = {}): Proc {
  return new Proc('scripts/queue/worker.ts', ['--queue', url, '--name', name, '--lock-ms', '4000', '--stalled-ms', '1000', ...(opts.extra ?? [])], { cwd: opts.cwd });
}
