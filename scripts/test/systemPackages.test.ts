/** npm test's set-up decisions: install with apt-get when it may, else print the one command. */
import { describe, expect, it } from 'vitest';
import { aptPackages, installPlan, manualCommand, type Host } from './systemPackages';

const debianRoot: Host = { platform: 'linux', isRoot: true, hasApt: true, sudoNoPassword: false, noInstall: false };

describe('system packages for npm test', () => {
  it('installs as root, or through sudo -n, on a machine with apt-get', () => {
    expect(installPlan(['chromium', 'redis'], debianRoot)).toEqual({ install: true, sudo: [] });
    expect(installPlan(['redis'], { ...debianRoot, isRoot: false, sudoNoPassword: true })).toEqual({ install: true, sudo: ['sudo', '-n'] });
  });

  it('otherwise prints the one command to run', () => {
    expect(installPlan(['chromium', 'redis'], { ...debianRoot, isRoot: false })).toEqual({ install: false, tell: 'sudo apt-get install -y chromium redis-server' });
    expect(installPlan(['redis'], { ...debianRoot, noInstall: true })).toMatchObject({ install: false, tell: expect.stringMatching(/^sudo apt-get install -y redis-server .*FTP_NO_INSTALL=1/) });
    expect(manualCommand(['redis', 'chromium'], 'darwin', false)).toBe('brew install redis && brew install --cask chromium');
    expect(manualCommand(['redis'], 'win32', false)).toMatch(/REDIS_SERVER_PATH=\/path\/to\/redis-server npm test/);
  });

  it('asks apt for Debian’s chromium, or Ubuntu’s chromium-browser when that is the only one', () => {
    expect(aptPackages(['chromium', 'redis'], () => true)).toEqual(['chromium', 'redis-server']);
    expect(aptPackages(['chromium'], (n) => n === 'chromium-browser')).toEqual(['chromium-browser']);
  });
});
