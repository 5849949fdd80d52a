import { describe, expect, it } from 'vitest';
import type { BackendMeasurement, BackendReport } from '../../protocol/messages';
import { findRecord, forgetRecord, loadRecords, recordOf, rememberRecord, summaryOf, winnersFor, type KeyValueStorage } from './measuredBackends';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => { data[k] = v; } };
}

const report = (backend: BackendReport['backend'], adapter?: string): BackendReport => ({ backend, reason: `pinned to ${backend} by you`, chosenBy: 'pinned', attempts: [{ backend, ok: true }], ...(adapter ? { adapter } : {}) });
const ok = (backend: BackendReport['backend'], msPerStep: number, adapter = 'google swiftshader'): BackendMeasurement =>
  ({ backend, ok: true, msPerStep, stepsPerSec: 1000 / msPerStep, firstStepMs: msPerStep * 3, stepsTimed: 3, report: report(backend, adapter) });
const RESULTS: BackendMeasurement[] = [ok('webgpu', 12_800), ok('wasm', 176), { backend: 'webgl', ok: false, error: 'TF.js could not initialise webgl' }, ok('cpu', 1463)];
const CONTEXT = { userAgent: 'Chrome/150', model: 'resnet-broad', batchSize: 32, now: new Date('2026-12-06T13:00:00Z') };

describe('a Measure backends pass', () => {
  it('keeps the fastest backend with a figure, the adapter it ran with, and every figure or reason', () => {
    const record = recordOf(RESULTS, CONTEXT)!;
    expect(record.winner).toBe('wasm');
    expect(record.adapter).toBe('google swiftshader');
    expect(record.figures.map((f) => f.backend)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(record.figures[2]).toEqual({ backend: 'webgl', error: 'TF.js could not initialise webgl' });
    expect(summaryOf(record)).toBe('measured fastest here on 2026-12-06: wasm 5.7 steps/s vs webgpu 0.08, cpu 0.7');
  });

  it('has no winner when nothing produced a figure, and keys by "no WebGPU adapter" without one', () => {
    expect(recordOf([{ backend: 'cpu', ok: false, error: 'x' }], CONTEXT)).toBeNull();
    expect(recordOf([ok('cpu', 100, '')], CONTEXT)!.adapter).toBe('no WebGPU adapter');
  });
});

describe('remembered winners', () => {
  it('are kept per browser and adapter, replaced by a newer pass, and forgotten one at a time', () => {
    const storage = memoryStorage();
    const record = recordOf(RESULTS, CONTEXT)!;
    rememberRecord(record, storage);
    rememberRecord({ ...record, adapter: 'nvidia ampere', winner: 'webgpu' }, storage);
    rememberRecord({ ...record, winner: 'cpu' }, storage);
    const records = loadRecords(storage);
    expect(records).toHaveLength(2);
    expect(findRecord(records, 'Chrome/150', 'google swiftshader')!.winner).toBe('cpu');
    expect(findRecord(records, 'Firefox/140', 'google swiftshader')).toBeNull();
    expect(winnersFor(records, 'Chrome/150').map((w) => [w.adapter, w.winner])).toEqual([['nvidia ampere', 'webgpu'], ['google swiftshader', 'cpu']]);
    expect(winnersFor(records, 'Firefox/140')).toEqual([]);
    expect(forgetRecord({ userAgent: 'Chrome/150', adapter: 'nvidia ampere' }, storage).map((r) => r.adapter)).toEqual(['google swiftshader']);
  });

  it('read back as nothing when the stored text is not what the page wrote', () => {
    for (const junk of ['{', '{"a":1}', '[{"winner":"quantum"}]', JSON.stringify([{ ...recordOf(RESULTS, CONTEXT)!, batchSize: -1 }])]) {
      expect(loadRecords(memoryStorage({ 'ftp-measured-backends': junk }))).toEqual([]);
    }
    expect(loadRecords(null)).toEqual([]);
  });
});
