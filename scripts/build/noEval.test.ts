/**
 * Issue 8's safety rule "no eval or new Function": none in the app's source, a Content-Security-
 * Policy that would block them anyway, and in the built bundles only two known library probes
 * that never run code from text here (each is listed with why).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

const ROOT = join(import.meta.dirname, '../..');

/** A call of eval or Function (with or without new) that is not a method or part of a longer name. */
const DYNAMIC_CODE = /(?<![\w$.])(?:eval|Function)\s*\(|\bset(?:Timeout|Interval)\s*\(\s*['"`]/g;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function hits(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(DYNAMIC_CODE)].map((m) => text.slice(Math.max(0, m.index - 40), m.index + 40));
}

/**
 * Library code in the bundle that mentions Function(…) without evaluating anything of ours:
 * - decimal.js-light (under recharts) finds the global object with Function('return this') only
 *   where `self` is missing; a page and a worker always have it;
 * - zod asks whether eval is allowed (`try { Function('') } catch`) and, refused by the CSP, does
 *   without it.
 */
const KNOWN_PROBES = [
  /self\.self==self\?self:Function\((['"`])return this\1\)\(\)/,
  /try\{return Function\((['"`])\1\),!0\}catch/,
];

describe('no eval or new Function', () => {
  it('in the app source (src/)', () => {
    const found = files(join(ROOT, 'src'), /\.(ts|tsx)$/).flatMap((f) => hits(f).map((h) => `${relative(ROOT, f)}: ${h}`));
    expect(found).toEqual([]);
  });

  it('the page\'s Content-Security-Policy blocks them (no unsafe-eval, own scripts and workers only; wasm may compile)', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    // 'wasm-unsafe-eval' lets WebAssembly compile (TF.js's wasm backend) and nothing else: JS eval stays blocked
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(?<!wasm-)unsafe-eval/);
  });

  const dist = join(ROOT, 'dist');
  it.skipIf(!existsSync(join(dist, 'index.html')))('in the built bundles (dist/), apart from two library probes that evaluate nothing', () => {
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain('http-equiv="Content-Security-Policy"');
    const unknown = files(join(dist, 'assets'), /\.js$/).flatMap((f) =>
      hits(f).filter((h) => !KNOWN_PROBES.some((p) => p.test(h))).map((h) => `${relative(ROOT, f)}: …${h}…`));
    expect(unknown).toEqual([]);
  });
});
