import { defineConfig } from 'vitest/config';
import { prerenderTex } from './scripts/build/prerenderTex.ts';

export default defineConfig({
  plugins: [prerenderTex()],
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
