import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './scripts/build/contentSecurityPolicy.ts';
import { prerenderTex } from './scripts/build/prerenderTex.ts';
import { tfjsWasmThreads } from './scripts/build/tfjsWasmThreads.ts';

/**
 * Cross-origin isolation: TF.js's wasm backend runs threads only in an isolated page (they share
 * memory through SharedArrayBuffer). Every response carries them, the worker scripts and .wasm
 * files included; static hosts need the same two headers (README, "Serving the built page").
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // the registry's formulas are typeset at build time: the page ships their HTML, not KaTeX
  plugins: [react(), contentSecurityPolicy(), prerenderTex()],
  // zod configured not to probe for eval (the CSP reports the probe): src/protocol/zodWithoutEval.ts
  resolve: { alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/protocol/zodWithoutEval.ts', import.meta.url)) }] },
  // the training worker imports TF.js's wasm backend: its pthread scripts come from our origin (CSP)
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  server: { host: '127.0.0.1', port: 5173, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, headers: ISOLATION_HEADERS },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // the harness page is for browser tests of the engine (every method on the real backend)
      input: { main: 'index.html', smoke: 'e2e/harness/smoke.html' },
    },
  },
});
