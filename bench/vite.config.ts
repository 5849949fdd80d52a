/**
 * Build of the bench harness (bench/harness/bench.html: a page with a training worker that runs
 * the bench's jobs, and the loss-chart timing), separate from the product's build: as an extra
 * input of the root config it would share React and recharts with the main page and so change the
 * product's own chunks (the bundle figure measures those). Served under /__bench/ next to the
 * product build (scripts/bench/serve.ts), from which the worker reads data and models.
 *   npx vite build --config bench/vite.config.ts --outDir <dir>
 */
import { defineConfig } from 'vite';
import root from '../vite.config.ts';

export const BENCH_BASE = '/__bench/';

export default defineConfig({
  ...root,
  base: BENCH_BASE,
  publicDir: false,
  build: {
    ...root.build,
    outDir: 'bench/.build',
    emptyOutDir: true,
    rollupOptions: { input: { bench: 'bench/harness/bench.html' } },
  },
});
