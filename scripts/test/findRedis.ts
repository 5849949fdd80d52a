/**
 * Finds `redis-server` for the queue tests and measurements (as findChromium.ts finds a browser),
 * and starts a throwaway one: 127.0.0.1, a free port, a temporary folder, no persistence.
 * Run directly (`tsx scripts/test/findRedis.ts`) it prints the path, or the help text and exits 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRedis, parseRedisUrl } from '../queue/connection';
import { isExecutableFile, onPath } from './executable';

const FIXED_PATHS = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'];

export class RedisNotFoundError extends Error {
  override name = 'RedisNotFoundError';
}

export const REDIS_HELP =
  'No redis-server found; the job-queue tests start one (BullMQ needs a real Redis).\n' +
  'Fix it with one of:\n' +
  '  - Debian/Ubuntu:  sudo apt-get install -y redis-server   (npm test does this itself when it runs as root or with sudo -n)\n' +
  '  - an existing one:  REDIS_SERVER_PATH=/path/to/redis-server npm test\n' +
  `Looked at: $REDIS_SERVER_PATH, ${FIXED_PATHS.join(', ')}, redis-server on $PATH.`;

export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.REDIS_SERVER_PATH;
  if (explicit) {
    if (isExecutableFile(explicit)) return resolve(explicit);
    throw new RedisNotFoundError(`REDIS_SERVER_PATH=${explicit} is not an executable file.\n${REDIS_HELP}`);
  }
  const found = FIXED_PATHS.find(isExecutableFile) ?? onPath('redis-server', env.PATH);
  if (found) return found;
  throw new RedisNotFoundError(REDIS_HELP);
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts redis-server on 127.0.0.1 on a free port, without persistence, and waits until it answers. */
export async function startRedis(): Promise<RedisServer> {
  const bin = findRedisServer();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ftp-redis-'));
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await checkRedis(parseRedisUrl(url), 1000);
      return { url, port, process: child, stop };
    } catch (e) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`redis-server (${bin}) did not start on port ${port}: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(findRedisServer());
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
