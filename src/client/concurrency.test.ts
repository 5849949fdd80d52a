/** How many runs train at once, and when a run evaluates beside training, from the backend and the cores. */
import { describe, expect, it } from 'vitest';
import type { BackendReport } from '../protocol/messages';
import { autoParallelRuns, evaluationAside } from './concurrency';

const report = (backend: BackendReport['backend'], threads = 1): BackendReport => ({
  backend, reason: '', chosenBy: 'auto', attempts: [],
  ...(backend === 'wasm' ? { wasm: { threads, simd: true, threadsSupported: true, crossOriginIsolated: true, cores: 2 * threads } } : {}),
});

describe('runs at once', () => {
  it('fills the cores on wasm at its threads per run, two on WebGPU, one on WebGL', () => {
    expect(autoParallelRuns(report('wasm'), { cores: 2 }).runs).toBe(2);
    expect(autoParallelRuns(report('wasm', 4), { cores: 8 }).runs).toBe(2);
    expect(autoParallelRuns(report('webgpu'), { cores: 16 }).runs).toBe(2);
    expect(autoParallelRuns(report('webgl'), { cores: 16 }).runs).toBe(1);
    expect(autoParallelRuns(report('cpu'), { cores: 16, memoryGb: 2 })).toMatchObject({ runs: 2, reason: expect.stringMatching(/2 GB of memory/) });
  });
});

describe('evaluation beside training', () => {
  it('on the CPU backends when the cores hold each run twice (training and evaluation)', () => {
    expect(evaluationAside(report('wasm'), { cores: 2 }, 1)).toBe(true);
    expect(evaluationAside(report('wasm'), { cores: 2 }, 2)).toBe(false);
    expect(evaluationAside(report('wasm'), { cores: 4 }, 2)).toBe(true);
    expect(evaluationAside(report('wasm', 4), { cores: 8 }, 1)).toBe(true);
    expect(evaluationAside(report('wasm', 4), { cores: 8 }, 2)).toBe(false);
    expect(evaluationAside(report('cpu'), { cores: 2 }, 1)).toBe(true);
    expect(evaluationAside(report('wasm'), { cores: 1 }, 1)).toBe(false);
  });

  it('never on a GPU backend: both workers would queue on the one device', () => {
    expect(evaluationAside(report('webgpu'), { cores: 64 }, 1)).toBe(false);
    expect(evaluationAside(report('webgl'), { cores: 64 }, 1)).toBe(false);
  });
});
