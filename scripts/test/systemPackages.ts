/**
 * What `npm test` needs from the system, found or installed: Chromium (the browser tests) and
 * redis-server (the job-queue tests). When one is missing and this is Debian/Ubuntu with apt-get,
 * run as root or with password-less sudo, it is installed (apt-get update when needed, then
 * apt-get install -y, non-interactive), saying so; otherwise the one command to run is printed and
 * the step fails. FTP_NO_INSTALL=1 never installs (it only says what is missing).
 * Run directly (`tsx scripts/test/systemPackages.ts [chromium] [redis]`) it does the same and exits 0 or 1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onPath } from './executable';
import { findChromium } from './findChromium';
import { findRedisServer } from './findRedis';

export type SystemNeed = 'chromium' | 'redis';

const FINDERS: Record<SystemNeed, () => string> = { chromium: () => findChromium(), redis: () => findRedisServer() };
const LABEL: Record<SystemNeed, string> = { chromium: 'Chromium (browser tests)', redis: 'redis-server (job-queue tests)' };

export function found(need: SystemNeed): string | undefined {
  try {
    return FINDERS[need]();
  } catch {
    return undefined;
  }
}

export interface Host {
  platform: NodeJS.Platform;
  isRoot: boolean;
  hasApt: boolean;
  /** `sudo -n true` succeeds: sudo without a password prompt */
  sudoNoPassword: boolean;
  noInstall: boolean;
}

/** apt package names: Debian's Chromium is `chromium`; Ubuntu's apt has only `chromium-browser`. */
export function aptPackages(missing: readonly SystemNeed[], hasAptPackage: (name: string) => boolean): string[] {
  return missing.map((n) => (n === 'redis' ? 'redis-server' : hasAptPackage('chromium') || !hasAptPackage('chromium-browser') ? 'chromium' : 'chromium-browser'));
}

/** The one command a user runs to install what is missing (Debian/Ubuntu, macOS), or what to set elsewhere. */
export function manualCommand(missing: readonly SystemNeed[], platform: NodeJS.Platform, hasApt: boolean): string {
  if (platform === 'linux' && hasApt) return `sudo apt-get install -y ${missing.map((n) => (n === 'redis' ? 'redis-server' : 'chromium')).join(' ')}`;
  if (platform === 'darwin') return `brew install ${missing.map((n) => (n === 'redis' ? 'redis' : '--cask chromium')).join(' && brew install ')}`;
  const vars = missing.map((n) => (n === 'redis' ? 'REDIS_SERVER_PATH=/path/to/redis-server' : 'CHROMIUM_PATH=/path/to/chrome')).join(' ');
  return `install ${missing.map((n) => LABEL[n]).join(' and ')} with your package manager, or run: ${vars} npm test`;
}

/** What to do about the missing needs: install (with this argv prefix), or tell the user the command. */
export function installPlan(missing: readonly SystemNeed[], host: Host): { install: true; sudo: string[] } | { install: false; tell: string } {
  const tell = manualCommand(missing, host.platform, host.hasApt);
  if (host.platform !== 'linux' || !host.hasApt) return { install: false, tell };
  if (host.noInstall) return { install: false, tell: `${tell}   (FTP_NO_INSTALL=1 is set, so npm test does not install it)` };
  if (host.isRoot) return { install: true, sudo: [] };
  if (host.sudoNoPassword) return { install: true, sudo: ['sudo', '-n'] };
  return { install: false, tell };
}

function run(argv: string[]): number {
  console.log(`$ ${argv.join(' ')}`);
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status ?? 1;
}

function aptListsPresent(): boolean {
  const dir = '/var/lib/apt/lists';
  return existsSync(dir) && readdirSync(dir).some((f) => f.includes('_Packages'));
}

function detectHost(): Host {
  const hasSudo = onPath('sudo', process.env.PATH) !== undefined;
  return {
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    hasApt: onPath('apt-get', process.env.PATH) !== undefined,
    sudoNoPassword: hasSudo && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    noInstall: process.env.FTP_NO_INSTALL === '1',
  };
}

/** Finds every need, installs the missing ones when it can; false (with the command printed) when something is still missing. */
export function ensureSystemPackages(needs: readonly SystemNeed[]): boolean {
  const missing = needs.filter((n) => found(n) === undefined);
  for (const n of needs) if (!missing.includes(n)) console.log(`system: ${LABEL[n]} found at ${found(n)}`);
  if (missing.length === 0) return true;
  console.log(`system: missing ${missing.map((n) => LABEL[n]).join(' and ')}`);
  const plan = installPlan(missing, detectHost());
  if (!plan.install) {
    console.error(`npm test needs ${missing.map((n) => LABEL[n]).join(' and ')}. Install with:\n  ${plan.tell}\nthen run npm test again.`);
    return false;
  }
  const apt = (...args: string[]) => run([...plan.sudo, 'apt-get', ...args]);
  console.log(`system: installing with apt-get${plan.sudo.length ? ' through sudo' : ' as root'} (set FTP_NO_INSTALL=1 to stop npm test from installing)`);
  if (!aptListsPresent()) apt('update');
  const hasAptPackage = (name: string) => spawnSync('apt-cache', ['show', name], { stdio: 'ignore' }).status === 0;
  let code = apt('install', '-y', ...aptPackages(missing, hasAptPackage));
  if (code !== 0) {
    console.log('system: apt-get install failed; updating the package lists and trying once more');
    apt('update');
    code = apt('install', '-y', ...aptPackages(missing, hasAptPackage));
  }
  const still = missing.filter((n) => found(n) === undefined);
  if (still.length === 0) {
    for (const n of missing) console.log(`system: ${LABEL[n]} installed at ${found(n)}`);
    return true;
  }
  const host = detectHost();
  console.error(`system: ${still.map((n) => LABEL[n]).join(' and ')} still missing after apt-get (exit ${code}); install by hand:\n  ${manualCommand(still, host.platform, host.hasApt)}`);
  return false;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const needs = (args.length ? args : ['chromium', 'redis']).filter((a): a is SystemNeed => a === 'chromium' || a === 'redis');
  process.exit(ensureSystemPackages(needs) ? 0 : 1);
}
