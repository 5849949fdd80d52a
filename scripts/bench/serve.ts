/**
 * A static server for the bench: the product build at /, the bench harness build at /__bench/
 * (bench/vite.config.ts), on 127.0.0.1 (a secure context, so WebGPU is exposed). Data and models
 * come from the product build (a copy of public/).
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { ISOLATION_HEADERS } from '../../vite.config';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.txt': 'text/plain',
};

export const HARNESS_PREFIX = '/__bench/';
export const HARNESS_PAGE = `${HARNESS_PREFIX}bench/harness/bench.html`;

export interface Served { url: string; close(): Promise<void> }

export async function serveBuilds(productDir: string, harnessDir: string | null, port = 0): Promise<Served> {
  const roots = { product: resolve(productDir), harness: harnessDir ? resolve(harnessDir) : null };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [root, rel] = path.startsWith(HARNESS_PREFIX) && roots.harness
      ? [roots.harness, path.slice(HARNESS_PREFIX.length)]
      : [roots.product, path.slice(1)];
    let file = normalize(join(root, rel || 'index.html'));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const size = statSync(file).size;
      // isolated like the product's servers, so TF.js's wasm backend may run its threads
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store', ...ISOLATION_HEADERS });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
    }
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
