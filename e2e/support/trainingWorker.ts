/**
 * Reaching into the training worker from a test. page.addInitScript runs only in the page, so code
 * meant for the worker (a missing WebGPU, a device that gets destroyed) is put in front of the
 * worker's own script as the page fetches it; and the live workers are counted and found here.
 */
import type { Page, Worker } from '@playwright/test';

const WORKER_SCRIPT = /\/assets\/trainWorker-[\w-]+\.js$/;

/** Every training worker this page starts from now on runs `prelude` before the app's code. */
export async function patchTrainingWorker(page: Page, prelude: string): Promise<void> {
  await page.route(WORKER_SCRIPT, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${prelude}\n${await response.text()}` });
  });
}

/** The page's training workers that are alive now. */
export function trainingWorkers(page: Page): Worker[] {
  return page.workers().filter((w) => WORKER_SCRIPT.test(new URL(w.url()).pathname));
}
