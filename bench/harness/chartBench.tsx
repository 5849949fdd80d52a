/**
 * Times a data update of the page's own LossChart (src/ui/charts/LossChart.tsx, through the page's
 * store context) with n points: from the store update to the SVG path holding the new data, plus
 * the forced style and layout of the chart.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { create } from 'zustand';
import { LossChart } from '../../src/ui/charts/LossChart';
import { PlaygroundProvider } from '../../src/ui/store/StoreContext';
import type { PlaygroundStore } from '../../src/ui/store/playgroundStore';
import { appendBounded, type Point } from '../../src/ui/store/series';

export interface ChartBenchResult {
  /** points in the series drawn */
  points: number;
  /** how the series was made: the raw n points, or the store's bounded series after streaming n points */
  series: 'raw' | 'bounded';
  streamedPoints: number;
  updatesMs: number[];
  medianMs: number;
  maxMs: number;
}

const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const lossAt = (x: number, seed: number) => 2.3 * Math.exp(-x / 3000) + 0.1 + 0.15 * Math.abs(Math.sin(x * 12.9898 + seed * 78.233));
const tick = () => new Promise<void>((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });

function pathOf(host: HTMLElement): string | null {
  return host.querySelector('.recharts-line-curve')?.getAttribute('d') ?? null;
}

async function settled(host: HTMLElement, previous: string | null, timeoutMs = 30_000): Promise<void> {
  const start = performance.now();
  while (pathOf(host) === null || pathOf(host) === previous) {
    if (performance.now() - start > timeoutMs) throw new Error('the loss chart did not draw the update');
    await tick();
  }
}

export async function benchLossChart(opts: { points: number; repeats: number; bounded: boolean; host: HTMLElement }): Promise<ChartBenchResult> {
  const n = opts.points;
  let series: Point[] = Array.from({ length: n }, (_, i) => ({ x: i + 1, y: lossAt(i + 1, 0) }));
  if (opts.bounded) {
    let s: Point[] = [];
    for (let i = 0; i < n; i += 10) s = appendBounded(s, series.slice(i, i + 10));
    series = s;
  }
  const totalSteps = n;
  const run = (loss: Point[]) => ({ run: { loss, info: null, progress: { totalSteps, step: n } } });
  const store = create(() => run(series));
  const container = document.createElement('div');
  container.style.width = '800px';
  opts.host.appendChild(container);
  const root = createRoot(container);
  try {
    root.render(<PlaygroundProvider store={store as unknown as PlaygroundStore}><LossChart /></PlaygroundProvider>);
    await settled(container, null);
    const updatesMs: number[] = [];
    for (let r = 1; r <= opts.repeats; r++) {
      // a new series object with every y moved, as a data update from the store would bring
      const next = series.map((p) => ({ x: p.x, y: lossAt(p.x, r) }));
      const before = pathOf(container);
      await tick();
      const t0 = performance.now();
      flushSync(() => store.setState(run(next)));
      await settled(container, before);
      container.getBoundingClientRect(); // style and layout of the updated SVG
      updatesMs.push(performance.now() - t0);
      series = next;
    }
    return {
      points: series.length, series: opts.bounded ? 'bounded' : 'raw', streamedPoints: n,
      updatesMs: updatesMs.map((v) => Math.round(v * 100) / 100), medianMs: Math.round(median(updatesMs) * 100) / 100,
      maxMs: Math.round(Math.max(...updatesMs) * 100) / 100,
    };
  } finally {
    root.unmount();
    container.remove();
  }
}
