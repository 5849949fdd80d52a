/**
 * The built page's Content-Security-Policy, added as a <meta> tag at build time (the dev server's
 * hot-reload preamble is an inline script, so `npm run dev` runs without it).
 * - scripts and workers only from the page's own origin: no inline script, no eval;
 * - fetches to the own origin, and to https URLs only for a model address the user types in
 *   "Add your own model" (nothing is ever sent: those are plain GETs);
 * - inline style attributes are allowed because KaTeX's formula HTML carries them.
 */
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self' https:",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'ftp-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => (ctx.filename.endsWith('/index.html') && !ctx.filename.includes('/e2e/')
        ? html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`)
        : html),
    },
  };
}
