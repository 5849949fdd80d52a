import { defineConfig, type ReporterDescription } from '@playwright/test';
import { findChromium, WEBGPU_CHROMIUM_ARGS } from './scripts/test/findChromium';

// FTP_E2E_PORT: another checkout's tests may hold 4173, and a reused server would serve its build, not ours
const PORT = Number(process.env.FTP_E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// run-all sets this to also get a machine-readable report it can count.
const jsonFile = process.env.FTP_PLAYWRIGHT_JSON;
const reporter: ReporterDescription[] = [['list']];
if (jsonFile) reporter.push(['json', { outputFile: jsonFile }]);

export default defineConfig({
  testDir: 'e2e',
  // A subfolder: Playwright empties outputDir at start, and test-results/ also holds vitest.json.
  outputDir: 'test-results/playwright-artifacts',
  // Training on software WebGPU is slow (seconds per step, shader compiles on first use).
  timeout: 5 * 60_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter,
  use: {
    baseURL: BASE_URL,
    headless: true,
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium-webgpu',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: findChromium(), args: [...WEBGPU_CHROMIUM_ARGS] },
      },
    },
  ],
  // Serves the already-built dist/ (the runner builds first); 127.0.0.1 is a secure context for WebGPU.
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
