/**
 * No method leaks tensors while it trains: for every base kind and every modifier, the tensor count
 * at step 60 of the last phase equals the count at step 10 (evaluations at the default cadence in
 * between), and nothing is left once the run is disposed. On wasm, through the bench's leak job
 * (`npm run bench` runs the same check from step 50 to step 500).
 */
import { describe, expect, it } from 'vitest';
import { publicDirReader } from '../node/fileAssets';
import { useNodeBackend } from '../node/tfNode';
import { leakJob } from './lib/jobs';
import { LEAK_VARIANTS, nodeSizes } from './suites';

describe('tensor count over a run, every method (wasm)', () => {
  it.each(LEAK_VARIANTS.map((v) => [v.label, v] as const))('%s: step 60 − step 10 = 0, nothing left after dispose', async (_label, variant) => {
    await useNodeBackend('wasm');
    const [result] = await leakJob(
      { kind: 'leaks', config: nodeSizes('default').leaks.config, variants: [variant], at: [10, 60] },
      { reader: publicDirReader(), yieldNow: () => new Promise((r) => setImmediate(r)), log: () => undefined },
    );
    expect(result.counts[0]).toBeGreaterThan(0);
    expect(result.delta).toBe(0);
    expect(result.afterDispose).toBe(0);
  }, 300_000);
});
