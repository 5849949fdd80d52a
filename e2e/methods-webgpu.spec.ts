/**
 * The engine on real WebGPU, through the smoke harness (one worker, so shaders compile once):
 * every shipped model, every method kind and every modifier train ≥ 3 steps with no missing
 * kernel and no leaked tensor, and their losses agree with the same runs computed in Node
 * (wasm backend) — which catches silently wrong kernels (WebGPU reports invalid pipelines
 * asynchronously, so a bad kernel yields garbage, not an error).
 * FTP_FULL_MATRIX=1 runs every allowed method × modifier combination (34 on the default model,
 * ~25 min on software WebGPU); CI runs the subset that exercises every kernel.
 */
import { expect, test, type Page } from '@playwright/test';
import { publicDirReader } from '../scripts/node/fileAssets';
import { useNodeBackend } from '../scripts/node/tfNode';
import { DEFAULT_CONFIG, METHOD_LR } from '../src/engine/config/defaults';
import type { MethodConfig, RunConfig } from '../src/engine/config/schema';
import { allowedCombinations, combinationLabel } from '../src/engine/methods/allowedCombinations';
import { ZOO } from '../src/engine/models/zoo';
import { runTraining } from '../src/engine/training/run';
import type { SmokeResult } from './harness/smokeWorker';

const TINY: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 64, batchSize: 16, evalSize: 32, probeSize: 16, evalEvery: 1000,
  shifts: ['rotation'], duration: { unit: 'steps', value: 3 },
  method: { ...DEFAULT_CONFIG.method, lpSteps: 2 },
};

// every kernel at least once, in the fewest runs (CI time): DAFT with SPD and L2-SP carries SGD, SPD's
// projection and L2-SP's penalty, FT with FT-LP the prior (FT-LP does not combine with DAFT: it freezes
// BatchNorm); Frozen-k and the single-modifier runs add no kernel
const SUBSET = ['ft', 'lp', 'lp-ft', 'levi', 'daft+spd+l2sp', 'ft+ftlp'];

interface Case { label: string; config: RunConfig }

async function runSmoke(page: Page, configs: Case[]): Promise<SmokeResult[]> {
  page.on('console', (m) => console.log(`  ${m.text()}`));
  await page.goto('/e2e/harness/smoke.html');
  return page.evaluate((request) => window.runSmoke(request), { backend: 'webgpu' as const, configs });
}

/** The same runs in Node on wasm: the reference losses. */
async function nodeLosses(configs: Case[]): Promise<number[][]> {
  await useNodeBackend('wasm');
  const out: number[][] = [];
  for (const { config } of configs) {
    const losses: number[] = [];
    await runTraining(config, { reader: publicDirReader(), control: { checkpoint: async () => false }, emit: (e) => { if (e.type === 'steps') losses.push(...e.losses); } });
    out.push(losses);
  }
  return out;
}

function expectTrainedLikeNode(results: SmokeResult[], reference: number[][]): void {
  results.forEach((r, i) => {
    expect(r.backend, r.label).toBe('webgpu');
    expect(r.ok, `${r.label}: ${r.error}`).toBe(true);
    expect(r.stepsDone, r.label).toBeGreaterThanOrEqual(3);
    expect(r.tensorsLeaked, `${r.label} leaked tensors`).toBe(0);
    // float32 on different hardware: the first steps agree to well under 1 %
    expect(r.losses.length, r.label).toBe(reference[i].length);
    r.losses.forEach((l, k) => expect(Math.abs(l - reference[i][k]) / Math.abs(reference[i][k]), `${r.label} loss ${k}: webgpu ${l}, node ${reference[i][k]}`).toBeLessThan(0.01));
  });
}

const methodCase = (method: MethodConfig): Case => ({ label: combinationLabel(method), config: { ...TINY, method, lr: METHOD_LR[method.kind] } });

test('every shipped model, method kind and modifier trains on WebGPU like it does in Node', async ({ page }) => {
  test.setTimeout(15 * 60_000);
  const defaultModel = ZOO.find((m) => m.id === DEFAULT_CONFIG.model)!;
  const all = allowedCombinations(defaultModel);
  const methods = process.env.FTP_FULL_MATRIX ? all : all.filter((m) => SUBSET.includes(combinationLabel(m)));
  if (!process.env.FTP_FULL_MATRIX) expect(methods.map(combinationLabel).sort()).toEqual([...SUBSET].sort());
  const cases: Case[] = [
    ...methods.map(methodCase),
    // the other architectures (the lab's MLPs share mlp-broad's layers, so one MLP is enough)
    ...ZOO.filter((m) => (m.id !== defaultModel.id && !m.id.startsWith('mlp-')) || m.id === 'mlp-broad').map((m) => ({ label: m.id, config: { ...TINY, model: m.id } })),
  ];
  const results = await runSmoke(page, cases);
  expect(results.map((r) => r.label)).toEqual(cases.map((c) => c.label));
  expectTrainedLikeNode(results, await nodeLosses(cases));
});
