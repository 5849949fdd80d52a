/**
 * The fused training kernels (src/engine/kernels) on the GPU backends of a real browser: their
 * WGSL (webgpu) and GLSL (webgl) programs give the composed ops' numbers within 1e-6 relative
 * (elementwise kernels element by element; SPD's reductions relative to the tensor's scale, as
 * their summation order differs from TF.js's Sum). The backend is pinned and asserted, so a
 * silent fallback cannot pass.
 */
import { expect, test } from '@playwright/test';

for (const backend of ['webgpu', 'webgl'] as const) {
  test(`fused kernels on ${backend} match the composed ops`, async ({ page }) => {
    page.on('console', (m) => { if (m.type() === 'error') console.log(`  ${m.text()}`); });
    await page.goto('/e2e/harness/smoke.html');
    const result = await page.evaluate((b) => window.runKernelCheck(b), backend);
    expect(result.backend).toBe(backend);
    expect(new Set(result.differences.map((d) => d.kernel)).size).toBe(8);
    for (const d of result.differences) {
      expect(d.relative, `${d.kernel} ${d.shape}`).toBeLessThanOrEqual(1e-6);
      if (!d.reduces) expect(d.elementwise, `${d.kernel} ${d.shape}`).toBeLessThanOrEqual(1e-6);
    }
  });
}
