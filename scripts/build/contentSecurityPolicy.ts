/**
 * The built page's Content-Security-Policy, added as a <meta> tag at build time (the dev server's
 * hot-reload preamble is an inline script, so `npm run dev` runs without it). A meta tag governs
 * the page only: a worker takes its policy from its script's response headers, so `vite preview`
 * (npm start, the browser tests) also sends it as a header on every response of the product,
 * where it governs the training worker and TF.js's wasm thread workers too.
 * - scripts and workers only from the page's own origin: no inline script, no eval; compiling
 *   WebAssembly ('wasm-unsafe-eval': TF.js's wasm backend; it allows no JS eval);
 * - fetches to the own origin, and to https URLs only for a model address the user types in
 *   "Add your own model" (nothing is ever sent: those are plain GETs);
 * - inline style attributes are allowed because KaTeX's formula HTML carries them.
 */
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self' https:",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** The browser-test harness pages (e2e/harness, bench/harness) have no CSP: they make blob: workers. */
const HARNESS_PATH = /^\/(e2e|bench)\//;

export function contentSecurityPolicy(): Plugin[] {
  return [{
    name: 'ftp-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => (ctx.filename.endsWith('/index.html') && !ctx.filename.includes('/e2e/')
        ? html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`)
        : html),
    },
  }, {
    name: 'ftp-content-security-policy-header',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!HARNESS_PATH.test(req.url ?? '/')) res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        next();
      });
    },
  }];
}
