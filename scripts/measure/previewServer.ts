/**
 * A `vite preview` of one build for the measurement scripts: started as its own process group (so
 * closing it ends vite itself, not only the npx in front of it), and trusted only once the page it
 * serves is that build's index.html — a server left over on the port would otherwise be measured.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findChromium, WEBGPU_CHROMIUM_ARGS } from '../test/findChromium';

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

export interface MeasuredPage {
  /** the preview's address */
  base: string;
  /** a 1400×1000 page in headless Chromium with the e2e tests' WebGPU flags */
  page: Page;
  /** a line on stderr, stamped with the seconds since the preview started */
  log(message: string): void;
  /** closes the browser and ends the preview */
  close(): Promise<void>;
}

/** The preview of `dist` and a fresh page in Chromium: how every page measurement starts. */
export async function openMeasuredPage(dist: string, port: string): Promise<MeasuredPage> {
  const preview = await startPreview(dist, port);
  const t0 = Date.now();
  const log = (m: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s] ${m}`);
  try {
    const browser = await chromium.launch({ executablePath: findChromium(), args: [...WEBGPU_CHROMIUM_ARGS] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    return { base: preview.url, page, log, close: async () => { try { await browser.close(); } finally { preview.close(); } } };
  } catch (e) {
    preview.close();
    throw e;
  }
}
