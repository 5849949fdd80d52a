/**
 * A `vite preview` of one build for the measurement scripts: started as its own process group (so
 * closing it ends vite itself, not only the npx in front of it), and trusted only once the page it
 * serves is that build's index.html — a server left over on the port would otherwise be measured.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Preview { url: string; close(): void }

export async function startPreview(dist: string, port: string): Promise<Preview> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', port, '--strictPort', '--outDir', resolve(dist)], { stdio: 'ignore', detached: true });
  const close = () => { try { process.kill(-child.pid!); } catch { /* gone */ } };
  const expected = readFileSync(join(dist, 'index.html'), 'utf8');
  let exited = false;
  child.on('exit', () => { exited = true; });
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`vite preview of ${dist} exited (port ${port} in use?)`);
    try {
      const res = await fetch(url);
      if (res.ok && (await res.text()) === expected) return { url, close };
    } catch { /* not up yet */ }
    if (i > 120) { close(); throw new Error(`vite preview did not serve ${dist} on ${url}`); }
    await new Promise((r) => setTimeout(r, 500));
  }
}
