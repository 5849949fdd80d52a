/** Fails unless the served page gets a WebGPU adapter, both on the main thread and in a module worker. */
import { expect, test } from '@playwright/test';

/** What the page and the worker report back (plain JSON, so it crosses evaluate and postMessage). */
interface AdapterProbe {
  hasGpu: boolean;
  hasAdapter: boolean;
  info: { vendor: string; architecture: string; device: string; description: string } | null;
  error?: string;
}

// The worker's source: same probe as the main thread, sent back with postMessage.
const WORKER_SOURCE = `
const probe = async () => {
  if (!('gpu' in navigator)) return { hasGpu: false, hasAdapter: false, info: null };
  const adapter = await navigator.gpu.requestAdapter();
  const i = adapter && adapter.info;
  const info = i ? { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description } : null;
  return { hasGpu: true, hasAdapter: adapter !== null, info };
};
probe().then(
  (r) => postMessage(r),
  (e) => postMessage({ hasGpu: 'gpu' in navigator, hasAdapter: false, info: null, error: String(e) }),
);
`;

test('page title, and a WebGPU adapter on the main thread and in a module worker', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  await page.goto('/');
  await expect(page).toHaveTitle('Fine-Tuning Playground');

  const main = await page.evaluate(async (): Promise<AdapterProbe> => {
    // Own minimal typing: TS's DOM lib has no WebGPU, and the @webgpu/types that tfjs pulls in
    // transitively may be older (no adapter.info) or absent, depending on what else is compiled.
    type Info = { vendor: string; architecture: string; device: string; description: string };
    type Gpu = { requestAdapter(): Promise<{ info?: Info } | null> };
    const gpu = (navigator as unknown as { gpu?: Gpu }).gpu;
    if (!gpu) return { hasGpu: false, hasAdapter: false, info: null };
    const adapter = await gpu.requestAdapter();
    const i = adapter?.info;
    const info = i ? { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description } : null;
    return { hasGpu: true, hasAdapter: adapter !== null, info };
  });
  console.log('WebGPU adapter (main thread):', JSON.stringify(main));
  expect(main.hasGpu, 'navigator.gpu exists on the page').toBe(true);
  expect(main.hasAdapter, 'navigator.gpu.requestAdapter() is non-null on the page').toBe(true);

  // the product page's CSP allows workers from its own files only; the harness page has no CSP
  await page.goto('/e2e/harness/smoke.html');
  const inWorker = await page.evaluate(async (source: string): Promise<AdapterProbe> => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    try {
      return await new Promise<AdapterProbe>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('worker sent nothing within 30 s')), 30_000);
        worker.onmessage = (e: MessageEvent<AdapterProbe>) => {
          clearTimeout(timer);
          resolve(e.data);
        };
        worker.onerror = (e: ErrorEvent) => {
          clearTimeout(timer);
          reject(new Error(`worker error: ${e.message}`));
        };
      });
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  }, WORKER_SOURCE);
  console.log('WebGPU adapter (module worker):', JSON.stringify(inWorker));
  expect(inWorker.error, 'worker probe threw').toBeUndefined();
  expect(inWorker.hasGpu, 'navigator.gpu exists in the worker').toBe(true);
  expect(inWorker.hasAdapter, 'navigator.gpu.requestAdapter() is non-null in the worker').toBe(true);

  // Logged, not asserted: the real app replaces this page later (a missing favicon also logs an error).
  if (consoleErrors.length) console.log('page console errors:', consoleErrors);
});
