/**
 * The bench end to end on a tiny configuration (Node part, --quick): every Node figure comes out
 * with a value (not the budgets: a tiny config says nothing about them). Plus the pure parts:
 * statistics, budget judgement, the bundle walk and its source-map attribution.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributeChunk, groupOfSource, measureBundle } from './bundle';
import { buildFigures, figureTable } from './figures';
import { interleave, median, pairedRatio } from './lib/stats';
import { runNodeSuite } from './node';
import { asideFits } from '../node/evalAside';
import { MODELS } from './suites';

describe('bench, Node part (--quick)', () => {
  it('produces every Node figure', async () => {
    const node = await runNodeSuite({ profile: 'quick', log: () => undefined });
    const figures = buildFigures({ node });
    const ids = figures.map((f) => f.id);
    const expected = [
      'engine-vs-bare:node',
      ...['daft', 'ft+spd', 'ft+l2sp', 'ft+ftlp', 'levi', 'lp'].map((m) => `ratio:${m}:node`),
      'eval-share:node', 'tensor-leak:node', 'bytes:node',
      ...MODELS.map((m) => `speed:wasm:${m}`),
      'kernels:mlp-broad:ft', 'kernels:mlp-broad:ft+spd',
    ];
    expect(ids).toEqual(expect.arrayContaining(expected));
    for (const f of figures) expect(f.value, f.id).not.toBeNull();
    // no leak even on the tiny run, and every method's numbers are there
    expect(node.leaks!.every((l) => l.delta === 0 && l.afterDispose === 0)).toBe(true);
    expect(node.speed!.every((s) => s.stepsPerSec > 0 && s.flopsPerStep > 0)).toBe(true);
    // the eval share is measured as the headless runner runs: beside training, in a thread, where the cores allow it
    expect(node.evalShare!.evalAside).toBe(asideFits(1));
    expect(figureTable(figures, 'markdown').split('\n').length).toBe(figures.length + 2);
  }, 600_000);
});

describe('bench statistics', () => {
  it('median and per-round ratios of interleaved runners', async () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const order: string[] = [];
    const runner = (label: string, ms: number) => ({ label, runBlock: async () => { order.push(label); return { wall: ms, cpu: null }; }, close: async () => undefined });
    const r = await interleave([runner('a', 2), runner('b', 1)], { warmup: 1, rounds: 3 });
    expect(order).toEqual(['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']); // the order rotates every round
    expect(r.samples.a).toHaveLength(3);
    expect(pairedRatio(r, 'a', 'b')).toBe(2);
  });
});

describe('budget judgement', () => {
  it('says by how much a budget is missed', () => {
    const figures = buildFigures({
      bundle: { mainThread: [{ name: 'main.js', bytes: 1, gzipBytes: 300_000, loaded: 'entry' }], mainThreadGzipBytes: 300_000, initialGzipBytes: 300_000, lazyGzipBytes: 0, other: [], css: [] },
    });
    expect(figures).toHaveLength(1);
    expect(figures[0].status).toBe('missed');
    expect(figures[0].note).toMatch(/over by 50\.0 KB \(20 % over\)/);
  });

  it('counts a lazy chunk the page requested on opening as loaded on opening', () => {
    const bundle = {
      mainThread: [
        { name: 'main.js', bytes: 1, gzipBytes: 100_000, loaded: 'entry' as const },
        { name: 'charts.js', bytes: 1, gzipBytes: 120_000, loaded: 'dynamic' as const },
        { name: 'tab.js', bytes: 1, gzipBytes: 40_000, loaded: 'dynamic' as const },
      ],
      mainThreadGzipBytes: 260_000, initialGzipBytes: 100_000, lazyGzipBytes: 160_000, other: [], css: [],
    };
    const opened = (onOpen: string[]) => {
      const figures = buildFigures({ bundle, browser: { longTasks: { backend: 'webgpu', fields: {}, seconds: 1, count: 0, maxMs: 0, totalMs: 0, stepsAtStart: 0, stepsAtEnd: 0, scripts: { onOpen, withRun: [...onOpen, 'charts.js'] } } } as never });
      return (id: string) => figures.find((f) => f.id === id)!;
    };
    expect(opened(['main.js'])('bundle').value).toBe(100);
    expect(opened(['main.js'])('bundle').note).toMatch(/1 of them requested once a run streamed: 120\.0 KB/);
    expect(opened(['main.js', 'charts.js'])('bundle').value).toBe(220);
    expect(opened(['main.js'])('bundle:all')).toMatchObject({ value: 260, status: 'reported' });
  });
});

describe('bundle', () => {
  it('follows static and dynamic imports from index.html and leaves workers out', () => {
    const dist = mkdtempSync(join(os.tmpdir(), 'ftp-bundle-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<script type="module" crossorigin src="/assets/main-1.js"></script><link rel="modulepreload" crossorigin href="/assets/vendor-2.js">');
    writeFileSync(join(dist, 'assets/main-1.js'), 'import{a}from"./vendor-2.js";const w=new URL(`/assets/trainWorker-3.js`,``+import.meta.url);import("./lazy-4.js");import(`./lazy-5.js`);');
    writeFileSync(join(dist, 'assets/vendor-2.js'), 'export const a=1;');
    writeFileSync(join(dist, 'assets/lazy-4.js'), 'export default 2;');
    writeFileSync(join(dist, 'assets/lazy-5.js'), 'export default 3;');
    writeFileSync(join(dist, 'assets/trainWorker-3.js'), 'self.onmessage=()=>{};');
    const b = measureBundle(dist);
    expect(b.mainThread.map((c) => [c.name, c.loaded])).toEqual([['lazy-4.js', 'dynamic'], ['lazy-5.js', 'dynamic'], ['main-1.js', 'entry'], ['vendor-2.js', 'static']]);
    expect(b.other.map((o) => [o.name, o.kind])).toEqual([['trainWorker-3.js', 'worker']]);
    expect(b.mainThreadGzipBytes).toBe(b.mainThread.reduce((n, c) => n + c.gzipBytes, 0));
    expect(b.initialGzipBytes).toBe(b.mainThread.filter((c) => c.loaded !== 'dynamic').reduce((n, c) => n + c.gzipBytes, 0));
    expect(b.initialGzipBytes + b.lazyGzipBytes).toBe(b.mainThreadGzipBytes);
  });

  it('attributes generated bytes to packages through the source map', () => {
    expect(groupOfSource('../../node_modules/@reduxjs/toolkit/dist/x.js')).toBe('@reduxjs/toolkit');
    expect(groupOfSource('../../node_modules/recharts/es6/a.js')).toBe('recharts');
    expect(groupOfSource('../../src/ui/App.tsx')).toBe('src/ui');
    // "AAAA" maps column 0 to source 0, "KAAA" maps column 5 to source 0 + 0, "KCAA" column 10 to source 1
    const code = 'aaaaabbbbbccccc';
    const out = attributeChunk(code, { sources: ['node_modules/x/a.js', 'src/ui/b.ts'], mappings: 'AAAA,KAAA,KCAA' });
    expect(out).toEqual({ x: 10, 'src/ui': 5 });
  });
});
