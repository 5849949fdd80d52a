import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './scripts/build/contentSecurityPolicy.ts';
import { prerenderTex } from './scripts/build/prerenderTex.ts';

export default defineConfig({
  // the registry's formulas are typeset at build time: the page ships their HTML, not KaTeX
  plugins: [react(), contentSecurityPolicy(), prerenderTex()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
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
