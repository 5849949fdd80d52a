/**
 * `npm test`: system packages (Chromium, redis-server: found, or installed when it can, see
 * systemPackages.ts), data, typecheck, unit tests (vitest), browser tests (Playwright), then one summary that
 * ends with `Tests: N passed, N failed`. A stage that fails without per-test results (typecheck, a
 * crash, a file that cannot load) counts as 1 failed, so the last line never hides a failure.
 * Flags: --unit-only (system, data, typecheck, unit), --e2e-only (system, data, e2e).
 * A missing system package that cannot be installed stops the run at once, with the command to run.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureData, REPO_ROOT, runCommand, runE2e, seconds } from './run-e2e';
import { ensureSystemPackages, type SystemNeed } from './systemPackages';

const VITEST_JSON = 'test-results/vitest.json';
const PLAYWRIGHT_JSON = 'test-results/playwright.json';

interface StageResult {
  passed: number;
  failed: number;
  skipped: number;
  /** Why the stage failed beyond its test counts, or what it ran; shown in the summary. */
  note?: string;
}
interface Stage {
  name: string;
  run: () => Promise<StageResult>;
}

const ok = (): StageResult => ({ passed: 0, failed: 0, skipped: 0 });
const stageFailed = (note: string): StageResult => ({ passed: 0, failed: 1, skipped: 0, note });

/** Reads a JSON report written by the stage, or undefined when it is missing or unreadable. */
function readReport<T>(relPath: string): T | undefined {
  const path = join(REPO_ROOT, relPath);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function freshReport(relPath: string): void {
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  rmSync(join(REPO_ROOT, relPath), { force: true }); // never count a previous run's results
}

/** A command whose only result is its exit code. */
async function commandStage(cmd: string, args: string[]): Promise<StageResult> {
  const code = await runCommand(cmd, args);
  return code === 0 ? ok() : stageFailed(`exit ${code}`);
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
}

async function unitStage(): Promise<StageResult> {
  freshReport(VITEST_JSON);
  const code = await runCommand('npx', [
    'vitest', 'run', '--passWithNoTests',
    '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`,
  ]);
  const r = readReport<VitestReport>(VITEST_JSON);
  if (!r) return stageFailed(`vitest exited ${code} without a report (${VITEST_JSON})`);
  // A test file that fails to load has status 'failed' and no failed test in it: count it once.
  const unloaded = r.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  );
  const res: StageResult = {
    passed: r.numPassedTests,
    failed: r.numFailedTests + unloaded.length,
    skipped: r.numPendingTests + r.numTodoTests,
  };
  if (unloaded.length) res.note = `files that failed to run: ${unloaded.map((f) => relative(REPO_ROOT, f.name)).join(', ')}`;
  if (code !== 0 && res.failed === 0) return { ...res, failed: 1, note: `vitest exited ${code} with no failed test` };
  return res;
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: { message?: string }[];
}

async function e2eStage(): Promise<StageResult> {
  freshReport(PLAYWRIGHT_JSON);
  const { code, failedStep } = await runE2e({ jsonFile: PLAYWRIGHT_JSON, skipData: true });
  if (failedStep === 'chromium') return stageFailed('no Chromium executable, see the message above');
  if (failedStep && failedStep !== 'playwright') return stageFailed(`${failedStep} step failed (exit ${code})`);
  const r = readReport<PlaywrightReport>(PLAYWRIGHT_JSON);
  if (!r) return stageFailed(`playwright exited ${code} without a report (${PLAYWRIGHT_JSON})`);
  const res: StageResult = {
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  };
  if (code !== 0 && res.failed === 0) {
    const first = r.errors[0]?.message?.split('\n')[0] ?? 'no test failed';
    return { ...res, failed: 1, note: `playwright exited ${code}: ${first}` };
  }
  return res;
}

function parseArgs(argv: string[]): { unit: boolean; e2e: boolean } {
  const unknown = argv.filter((a) => a !== '--unit-only' && a !== '--e2e-only');
  if (unknown.length || (argv.includes('--unit-only') && argv.includes('--e2e-only'))) {
    console.error(`usage: tsx scripts/test/run-all.ts [--unit-only | --e2e-only]  (got: ${argv.join(' ')})`);
    process.exit(2);
  }
  return { unit: !argv.includes('--e2e-only'), e2e: !argv.includes('--unit-only') };
}

async function main(): Promise<number> {
  const want = parseArgs(process.argv.slice(2));
  const dataStage = async (): Promise<StageResult> => ((await ensureData()) === 0 ? ok() : stageFailed('ensure-data failed'));
  const needs: SystemNeed[] = [...(want.unit ? ['redis' as const] : []), ...(want.e2e ? ['chromium' as const] : [])];
  const systemStage = async (): Promise<StageResult> =>
    (ensureSystemPackages(needs) ? ok() : stageFailed('a system package is missing: see the command above'));
  const stages: Stage[] = [{ name: 'system', run: systemStage }, { name: 'data', run: dataStage }];
  if (want.unit) {
    stages.push({ name: 'typecheck', run: () => commandStage('npx', ['tsc', '--noEmit', '-p', '.']) });
    stages.push({ name: 'unit', run: unitStage });
  }
  if (want.e2e) stages.push({ name: 'e2e', run: e2eStage });

  const t0 = Date.now();
  const rows: { name: string; res: StageResult; time: string }[] = [];
  for (const stage of stages) {
    console.log(`\n===== ${stage.name} =====`);
    const start = Date.now();
    let res: StageResult;
    try {
      res = await stage.run();
    } catch (e) {
      res = stageFailed(`crashed: ${e instanceof Error ? e.message : String(e)}`);
    }
    rows.push({ name: stage.name, res, time: seconds(start) });
    console.log(`===== ${stage.name}: ${res.failed ? 'FAILED' : 'ok'} in ${seconds(start)} =====`);
    if (stage.name === 'system' && res.failed) break; // the tests would only fail for want of it
  }

  const total = ok();
  for (const { res } of rows) {
    total.passed += res.passed;
    total.failed += res.failed;
    total.skipped += res.skipped;
  }
  console.log('\n===== Summary =====');
  for (const { name, res, time } of rows) {
    const counts = name === 'unit' || name === 'e2e' ? `${res.passed} passed, ${res.failed} failed, ${res.skipped} skipped` : '';
    const status = res.failed ? 'FAILED' : 'ok';
    console.log(`${name.padEnd(10)} ${status.padEnd(7)} ${time.padStart(7)}  ${counts}${res.note ? `  (${res.note})` : ''}`);
  }
  const failedStages = rows.filter((r) => r.res.failed).map((r) => r.name);
  if (failedStages.length) console.log(`Failed stages: ${failedStages.join(', ')}`);
  console.log(`Total time: ${seconds(t0)}`);
  console.log(`Tests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return total.failed ? 1 : 0;
}

process.exit(await main());
