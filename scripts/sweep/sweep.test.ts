/**
 * The sweep: options become a spec, every point becomes a valid frozen-k config of the protocol
 * (constant lr, train error every epoch), a tiny sweep runs headless and writes JSON lines the page
 * reads back, and a resumed sweep skips the runs it already has.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zooLookup } from '../../src/engine/config/modelLookup';
import { validateConfig } from '../../src/engine/config/validate';
import { zooEntry } from '../../src/engine/models/zoo';
import { parseSweepLines } from '../../src/engine/sweep/record';
import { DEFAULT_SWEEP, sweepConfig, sweepPoints, type SweepSpec } from '../../src/engine/sweep/spec';
import { useNodeBackend } from '../node/tfNode';
import { specFromArgs } from './args';
import { runSweep } from './runSweep';

const blocksOf = (id: string) => zooEntry(id)?.blockCount;
const dir = mkdtempSync(join(tmpdir(), 'ftp-sweep-'));

beforeAll(async () => { await useNodeBackend('wasm'); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sweep options', () => {
  it('--k all is 0 … the smallest block count of the sources; lists are read as numbers', () => {
    const spec = specFromArgs({ k: 'all', sizes: '250,990', noise: '0,0.2', epochs: '5' }, blocksOf);
    expect(spec.frozenBlocks).toEqual([0, 1, 2, 3, 4]);
    expect(spec.trainSizes).toEqual([250, 990]);
    expect(spec.labelNoise).toEqual([0, 0.2]);
    expect(sweepPoints(spec)).toHaveLength(2 * 5 * 2 * 2);
  });

  it.each([
    [{ noise: '0.5' }, /labelNoise\.0: must be ≤ 0.4/],
    [{ k: '0,9' }, /cannot freeze 9/],
    [{ sources: 'vgg' }, /unknown model "vgg"/],
    [{ sizes: 'abc' }, /"abc" is not a number/],
  ])('refuses %o naming what is wrong', (values, pattern) => {
    expect(() => specFromArgs(values, blocksOf)).toThrow(pattern);
  });

  it('every point of the default sweep is a valid frozen-k run at a constant learning rate, evaluated every epoch', () => {
    for (const p of sweepPoints(DEFAULT_SWEEP)) {
      const r = validateConfig(sweepConfig(DEFAULT_SWEEP, p), zooLookup);
      expect(r.ok, JSON.stringify(r.ok ? '' : r.errors)).toBe(true);
      if (!r.ok) continue;
      expect(r.config.method).toMatchObject({ kind: 'frozen-k', frozenBlocks: p.k });
      expect([r.config.schedule, r.config.optimizer, r.config.evalTrain, r.config.evalEvery]).toEqual(['constant', 'adam', true, 30]);
    }
  });
});

describe('a tiny sweep in Node', () => {
  const spec: SweepSpec = { ...DEFAULT_SWEEP, sources: ['mlp-digits04'], frozenBlocks: [0, 4], trainSizes: [64], labelNoise: [0.25], epochs: 2, batchSize: 16, evalSize: 32 };
  const out = join(dir, 'tiny.jsonl');

  it('writes one record per run with train and test error at every epoch and the labels flipped', async () => {
    const { records, failed } = await runSweep(spec, { name: 'tiny', out });
    expect(failed).toEqual([]);
    expect(records.map((r) => r.point.k)).toEqual([0, 4]);
    const back = parseSweepLines(readFileSync(out, 'utf8'));
    expect(back).toEqual(JSON.parse(JSON.stringify(records)));
    for (const r of back) {
      expect(r.status).toBe('completed');
      expect(r.flippedLabels).toBe(16);
      expect(r.curve.map((c) => c.epoch)).toEqual([0, 1, 2]);
      for (const c of r.curve) for (const v of [c.trainErr, c.testErr, c.valErr]) expect(v).toBeGreaterThanOrEqual(0);
      expect(r.final.testErr).toBe(r.curve[2].testErr);
    }
  });

  it('a resumed sweep skips the runs already in the file', async () => {
    const again = await runSweep(spec, { name: 'tiny', out });
    expect(again.records).toHaveLength(0);
    expect(parseSweepLines(readFileSync(out, 'utf8'))).toHaveLength(2);
  });

  it('refuses a line that is not a sweep run, naming it', () => {
    expect(() => parseSweepLines('{"kind":"ftp-sweep-run"}\n')).toThrow(/line 1 is not a sweep run/);
    expect(() => parseSweepLines('\n\nnot json')).toThrow(/line 3 is not JSON/);
    expect(() => parseSweepLines('')).toThrow(/no sweep runs/);
  });
});
