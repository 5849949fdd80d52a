/**
 * The patch that keeps TF.js's threaded wasm inside the CSP (tfjsWasmThreads.ts) against the
 * installed, pinned package: it must find both blob: places, and the files it serves instead must
 * be the classic scripts the pthread workers expect. A TF.js upgrade that moves the code fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { factorySource, patchBackendWasm, pthreadWorkerSource, VIRTUAL_MODULE } from './tfjsWasmThreads';

const require = createRequire(import.meta.url);
const backendWasm = readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js'), 'utf8');

describe('TF.js threaded wasm from our own origin', () => {
  it('is the pinned TF.js version the patch was written for', () => {
    expect((require('@tensorflow/tfjs-backend-wasm/package.json') as { version: string }).version).toBe('4.22.0');
  });

  it('replaces both blob: URLs of backend_wasm.js with the served files', () => {
    const patched = patchBackendWasm(backendWasm);
    expect(patched.startsWith(`import * as __ftpWasmThreads from '${VIRTUAL_MODULE}';`)).toBe(true);
    expect(patched).toContain('return __ftpWasmThreads.pthreadWorkerUrl;');
    expect(patched).toContain('factoryConfig.mainScriptUrlOrBlob = __ftpWasmThreads.factoryUrl;');
    expect(patched).not.toMatch(/URL\.createObjectURL|new Blob\(/);
  });

  it('fails loudly when the code it patches is not there', () => {
    expect(() => patchBackendWasm(backendWasm.replace('mainScriptUrlOrBlob', 'mainScriptUrl'))).toThrow(/changed: the factory script/);
    expect(() => patchBackendWasm('export {}')).toThrow(/pthread worker script/);
  });

  it('serves the pthread worker as a classic script that imports a factory URL given as a string', () => {
    const source = pthreadWorkerSource();
    expect(() => new Script(source)).not.toThrow();
    expect(source).toContain('if(typeof e.data.urlOrBlob=="string"){importScripts(e.data.urlOrBlob)}');
    expect(source).toContain('WasmBackendModuleThreadedSimd(Module)');
  });

  it('serves the threaded factory as a classic script that defines WasmBackendModuleThreadedSimd', () => {
    const source = factorySource();
    expect(() => new Script(source)).not.toThrow();
    expect(source).toMatch(/^\s*var WasmBackendModuleThreadedSimd = /);
    // the pthread workers it starts come from locateFile, which the patch answers
    expect(source).toContain('locateFile("tfjs-backend-wasm-threaded-simd.worker.js")');
  });

  const assets = join(import.meta.dirname, '../../dist/assets');
  it.skipIf(!existsSync(assets))('the built worker points TF.js at the served files (dist/)', () => {
    const names = readdirSync(assets);
    const worker = names.find((n) => /^trainWorker-[\w-]+\.js$/.test(n));
    expect(worker).toBeDefined();
    const code = readFileSync(join(assets, worker!), 'utf8');
    for (const file of ['tfjs-wasm-pthread', 'tfjs-wasm-threaded-factory', 'tfjs-backend-wasm-threaded-simd', 'tfjs-backend-wasm-simd']) {
      const emitted = names.find((n) => n.startsWith(`${file}-`));
      expect(emitted, `${file} in dist/assets`).toBeDefined();
      expect(code, `the worker refers to ${emitted}`).toContain(emitted);
    }
    expect(code).not.toMatch(/mainScriptUrlOrBlob\s*=\s*new Blob/);
  });
});
