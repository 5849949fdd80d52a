/**
 * TF.js's threaded wasm backend (4.22.0) starts its pthread workers from blob: URLs: the worker
 * script (`locateFile('….worker.js')` returns an object URL of a string) and the factory each
 * worker imports (`mainScriptUrlOrBlob` is a Blob of the factory's source). A Content-Security-
 * Policy with `worker-src 'self'` and `script-src 'self'` blocks both. This build plugin serves
 * the package's own two files from the page's origin instead, as classic scripts with hashed names
 * in dist/assets/, and points TF.js at them by patching the two places in
 * dist/backend_wasm.js. If the pinned package ever changes there, the build fails loudly
 * (tfjsWasmThreads.test.ts checks the patch against the installed package).
 *
 * Build only: `npm run dev` has no CSP (its hot-reload preamble is an inline script), so there
 * TF.js's blob URLs work as they are.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const PACKAGE = '@tensorflow/tfjs-backend-wasm';
export const VIRTUAL_MODULE = 'virtual:ftp-tfjs-wasm-threads';
const RESOLVED = `\0${VIRTUAL_MODULE}`;

/** The two places in dist/backend_wasm.js that make blob: URLs, and what replaces each. */
export const PATCHES: readonly { name: string; find: string; replace: string }[] = [
  {
    name: 'pthread worker script (locateFile for .worker.js)',
    find: `const response = wasmWorkerContents.replace(/\\n/g, '\\\\n');
                const blob = new Blob([response], { type: 'application/javascript' });
                return URL.createObjectURL(blob);`,
    replace: 'return __ftpWasmThreads.pthreadWorkerUrl;',
  },
  {
    name: 'factory script the pthread workers import (mainScriptUrlOrBlob)',
    find: 'factoryConfig.mainScriptUrlOrBlob = new Blob([`var WasmBackendModuleThreadedSimd = ` +\n                    wasmFactoryThreadedSimd.toString()], { type: \'text/javascript\' });',
    replace: 'factoryConfig.mainScriptUrlOrBlob = __ftpWasmThreads.factoryUrl;',
  },
];

/** Whitespace-tolerant: the bundler or a reformat may change indentation, nothing else. */
function looseRegExp(text: string): RegExp {
  const escaped = text.trim().split(/\s+/).map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s*');
  return new RegExp(escaped);
}

/** backend_wasm.js with both blob: URLs replaced by URLs of the page's own files; throws if a place is missing. */
export function patchBackendWasm(code: string): string {
  let out = code;
  for (const patch of PATCHES) {
    const re = looseRegExp(patch.find);
    if (!re.test(out)) {
      throw new Error(`${PACKAGE}/dist/backend_wasm.js changed: the ${patch.name} code was not found, so threaded wasm would use blob: URLs that the CSP blocks. Update scripts/build/tfjsWasmThreads.ts for this version.`);
    }
    out = out.replace(re, patch.replace);
  }
  return `import * as __ftpWasmThreads from '${VIRTUAL_MODULE}';\n${out}`;
}

const require = createRequire(import.meta.url);

/**
 * The pthread worker as a classic script: the package's `wasmWorkerContents`, with its newlines
 * escaped back exactly as TF.js does before it makes its blob (the string holds "\n" escapes).
 */
export function pthreadWorkerSource(): string {
  const { wasmWorkerContents } = require(`${PACKAGE}/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js`) as { wasmWorkerContents: string };
  return wasmWorkerContents.replace(/\n/g, '\\n');
}

/**
 * The threaded factory as a classic script: the package's file already is one
 * (`var WasmBackendModuleThreadedSimd = …;` then a CommonJS/AMD export that does nothing in a worker).
 */
export function factorySource(): string {
  return readFileSync(require.resolve(`${PACKAGE}/wasm-out/tfjs-backend-wasm-threaded-simd.js`), 'utf8');
}

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'ftp-tfjs-wasm-threads',
    apply: 'build',
    resolveId: (id) => (id === VIRTUAL_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const worker = this.emitFile({ type: 'asset', name: 'tfjs-wasm-pthread.js', source: pthreadWorkerSource() });
      const factory = this.emitFile({ type: 'asset', name: 'tfjs-wasm-threaded-factory.js', source: factorySource() });
      // absolute: the pthread worker resolves the factory's URL against its own
      return [
        `export const pthreadWorkerUrl = new URL(import.meta.ROLLUP_FILE_URL_${worker}, self.location.href).href;`,
        `export const factoryUrl = new URL(import.meta.ROLLUP_FILE_URL_${factory}, self.location.href).href;`,
      ].join('\n');
    },
    transform(code, id) {
      return /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id.split('?')[0]) ? patchBackendWasm(code) : undefined;
    },
  };
}
