/**
 * zod without generated code, for the page and the worker: their CSP forbids eval, and zod's probe
 * for it (a `new Function` it catches, run when the first object schema is built) is still reported
 * as a CSP violation. vite.config.ts resolves `zod` to this module, so every importer gets zod
 * already configured, whatever order the bundle's chunks run in.
 */
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z };
