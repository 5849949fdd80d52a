/**
 * The Redis behind the job queue: `--queue redis://[user:password@]host:port[/db]` parsed into
 * connection options, and a quick reachability check that fails with the URL named (instead of
 * ioredis's default of reconnecting forever while the runner waits).
 */
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** the URL without its password, for messages */
  shown: string;
}

export const QUEUE_USAGE = '--queue redis://host:port[/db] (e.g. redis://127.0.0.1:6379)';

/** Parses a redis:// or rediss:// URL; throws an Error that says what is wrong with it. */
export function parseRedisUrl(text: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--queue ${text}: not a URL; expected ${QUEUE_USAGE}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`--queue ${text}: the scheme must be redis:// or rediss://; expected ${QUEUE_USAGE}`);
  }
  if (!url.hostname) throw new Error(`--queue ${text}: no host; expected ${QUEUE_USAGE}`);
  const port = url.port ? Number(url.port) : 6379;
  const path = url.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || db > 15 || !/^\d*$/.test(path)) {
    throw new Error(`--queue ${text}: the database "/${path}" must be a number 0–15`);
  }
  const shownUrl = new URL(url.href);
  if (shownUrl.password) shownUrl.password = '***';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === 'rediss:',
    shown: shownUrl.href.replace(/\/$/, ''),
  };
}

/**
 * ioredis options for BullMQ's own connections. maxRetriesPerRequest null: BullMQ's blocking
 * commands (workers, queue events) require it; a dropped connection is retried, not failed.
 */
export function connectionOptions(t: RedisTarget): RedisOptions {
  return {
    host: t.host, port: t.port, db: t.db,
    ...(t.username ? { username: t.username } : {}),
    ...(t.password ? { password: t.password } : {}),
    ...(t.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

export class RedisUnreachableError extends Error {
  override name = 'RedisUnreachableError';
}

/**
 * Connects once, without retries, and sends PING: resolves when Redis answers, else rejects
 * within about `timeoutMs` with a RedisUnreachableError naming the URL and what to do.
 */
export async function checkRedis(t: RedisTarget, timeoutMs = 3000): Promise<void> {
  const client = new Redis({
    ...connectionOptions(t),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // reported through connect()'s rejection below
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs); }),
    ]);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new RedisUnreachableError(
      `cannot reach Redis at ${t.shown}: ${why}. Start one (\`redis-server --port ${t.port}\`) ` +
        'or point --queue at a running one; nothing was written.',
    );
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
