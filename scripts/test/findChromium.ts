/**
 * Finds a Chromium to drive with Playwright (its own browser download is not available everywhere)
 * and holds the launch flags that give headless Chromium a WebGPU adapter (see shared/WEBGPU.md).
 * Run directly (`tsx scripts/test/findChromium.ts`) it prints the path, or the help text and exits 1.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { isExecutableFile, onPath } from './executable';

/** WebGPU in software (SwiftShader over Vulkan): verified to give an adapter, also in a worker. */
export const WEBGPU_FLAGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];

/** Closed network, running as root in CI: no sandbox, no calls home, no first-run UI. */
export const CLOSED_NETWORK_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The one list that page tests and benchmarks launch Chromium with. */
export const WEBGPU_CHROMIUM_ARGS: readonly string[] = [...WEBGPU_FLAGS, ...CLOSED_NETWORK_FLAGS];

/** Env vars naming an executable explicitly, in order of precedence. */
const ENV_VARS = ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const;
const FIXED_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];
const PATH_NAMES = ['google-chrome', 'google-chrome-stable'];

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

function playwrightBundled(): string | undefined {
  try {
    const path = chromium.executablePath();
    return isExecutableFile(path) ? path : undefined;
  } catch {
    return undefined; // throws when Playwright has no build for this platform
  }
}

const FIXES = [
  'Fix it with one of:',
  '  - Debian/Ubuntu:  sudo apt-get install -y chromium   (then re-run)',
  '  - an existing Chrome/Chromium:  CHROMIUM_PATH=/path/to/chrome npm test',
  '  - where downloads are allowed:  npx playwright install chromium',
  `Looked at: $CHROMIUM_PATH, $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, ${FIXED_PATHS.join(', ')}, ` +
    `${PATH_NAMES.join(', ')} on $PATH, Playwright's bundled chromium.`,
].join('\n');

export const HELP_TEXT =
  'No Chromium executable found; the browser tests need one (WebGPU runs in headless Chromium).\n' + FIXES;

/**
 * Resolves the executable or throws ChromiumNotFoundError with HELP_TEXT.
 * An env var that is set but wrong is an error rather than silently skipped: it is usually a typo.
 * FTP_CHROMIUM_SEARCH=none turns the automatic search off (to test the not-found path).
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  for (const name of ENV_VARS) {
    const value = env[name];
    if (!value) continue;
    if (isExecutableFile(value)) return resolve(value);
    throw new ChromiumNotFoundError(
      `${name}=${value} is not an executable file: point it at a Chrome/Chromium binary, ` +
        `or unset it to search the usual places.\n${FIXES}`,
    );
  }
  if (env.FTP_CHROMIUM_SEARCH !== 'none') {
    const found =
      FIXED_PATHS.find(isExecutableFile) ??
      PATH_NAMES.map((n) => onPath(n, env.PATH)).find((p) => p !== undefined) ??
      playwrightBundled();
    if (found) return found;
  }
  throw new ChromiumNotFoundError(HELP_TEXT);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(findChromium());
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
