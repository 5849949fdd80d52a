/**
 * Browser tests: find Chromium, ensure data, build the page, run Playwright (extra CLI args pass through).
 * Also exports the small process helpers that run-all.ts shares.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './findChromium';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** Runs a command with live output in the repo root; resolves to its exit code (127: could not start). */
export function runCommand(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (e) => {
      console.error(`could not start ${cmd}: ${e.message}`);
      done(127);
    });
    // A child killed by a signal has no code: report it as a failure, like a shell would (128 + n).
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

export const seconds = (startMs: number): string => `${((Date.now() - startMs) / 1000).toFixed(1)}s`;

/** The existing data script, through the same node and tsx that run this file. */
export const ensureData = (): Promise<number> =>
  runCommand(process.execPath, ['--import', 'tsx', 'scripts/data/ensure-data.ts']);

export type E2eStep = 'chromium' | 'data' | 'build' | 'playwright';
export interface E2eResult {
  code: number;
  /** The step that failed; with 'playwright', tests failed or Playwright itself did. */
  failedStep?: E2eStep;
}

export interface E2eOptions {
  extraArgs?: readonly string[];
  /** Also write Playwright's JSON report here (read by run-all). */
  jsonFile?: string;
  /** run-all has already run the data stage. */
  skipData?: boolean;
}

export async function runE2e(opts: E2eOptions = {}): Promise<E2eResult> {
  let chromiumPath: string;
  try {
    chromiumPath = findChromium();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return { code: 1, failedStep: 'chromium' };
  }
  console.log(`e2e: using Chromium at ${chromiumPath}`);

  const steps: [E2eStep, () => Promise<number>][] = [
    ['data', ensureData],
    // Not `npm run build`: that also typechecks the whole repo, which is run-all's separate stage.
    ['build', () => runCommand('npx', ['vite', 'build'])],
    [
      'playwright',
      () =>
        runCommand('npx', ['playwright', 'test', ...(opts.extraArgs ?? [])], {
          // Pin the config to the same executable even if the search would find another one.
          CHROMIUM_PATH: chromiumPath,
          ...(opts.jsonFile ? { FTP_PLAYWRIGHT_JSON: opts.jsonFile } : {}),
        }),
    ],
  ];
  for (const [step, run] of steps) {
    if (step === 'data' && opts.skipData) continue;
    const start = Date.now();
    const code = await run();
    console.log(`e2e: ${step} ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds(start)}`);
    if (code !== 0) return { code, failedStep: step };
  }
  return { code: 0 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runE2e({ extraArgs: process.argv.slice(2) });
  process.exit(result.code);
}
