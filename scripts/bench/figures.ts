/**
 * The budget table: turns the suites' raw results into figures, each with its budget and whether
 * it is met, and by how much it is missed. Pure (no TF.js): the CLI, the docs and the tests use it.
 */
import type { BundleResult } from './bundle';
import type { BrowserResults } from './browser';
import type { NodeResults } from './node';
import { KERNEL_BUDGETS, KERNEL_METHOD_RATIO, RATIO_VARIANTS, stepTimeAllowance } from './suites';

export type Status = 'met' | 'missed' | 'reported' | 'not measured';

export interface Figure {
  id: string;
  name: string;
  /** where it was measured: "node wasm", "browser webgpu (google swiftshader)", … */
  where: string;
  value: number | null;
  unit: string;
  budget: { op: '<=' | '=='; limit: number } | null;
  status: Status;
  /** by how much a budget is missed, or a short note */
  note: string;
}

const fmt = (v: number, unit: string) => {
  if (!Number.isFinite(v)) return String(v);
  if (unit === '%') return `${(v * 100).toFixed(1)} %`;
  if (unit === '×') return `${v.toFixed(3)}×`;
  if (unit === 'KB') return `${v.toFixed(1)} KB`;
  if (unit === 'ms') return `${v.toFixed(1)} ms`;
  if (Math.abs(v) >= 100) return `${v.toFixed(0)} ${unit}`.trim();
  return `${Number(v.toPrecision(3))} ${unit}`.trim();
};
export const formatValue = (f: Pick<Figure, 'value' | 'unit'>) => (f.value === null ? '—' : fmt(f.value, f.unit));
export const formatBudget = (f: Pick<Figure, 'budget' | 'unit'>) => (f.budget ? `${f.budget.op === '<=' ? '≤' : '='} ${fmt(f.budget.limit, f.unit)}` : 'reported');

function judged(f: Omit<Figure, 'status' | 'note'> & { note?: string }): Figure {
  const { value, budget } = f;
  if (value === null || !Number.isFinite(value)) return { ...f, value: null, status: 'not measured', note: f.note ?? '' };
  if (!budget) return { ...f, status: 'reported', note: f.note ?? '' };
  const ok = budget.op === '<=' ? value <= budget.limit : value === budget.limit;
  let miss = '';
  if (!ok) {
    if (budget.op === '==') miss = `off by ${fmt(value - budget.limit, f.unit)}`;
    else if (budget.limit > 0) miss = `over by ${fmt(value - budget.limit, f.unit)} (${((value / budget.limit - 1) * 100).toFixed(0)} % over)`;
    else miss = `over by ${fmt(value - budget.limit, f.unit)}`;
  }
  return { ...f, status: ok ? 'met' : 'missed', note: [miss, f.note].filter(Boolean).join('; ') };
}

const RATIO_BUDGETS = RATIO_VARIANTS.flatMap((v) => {
  const allowance = stepTimeAllowance(v);
  return allowance ? [{ label: v.label, ...allowance }] : [];
});

export interface AllResults {
  node?: Partial<NodeResults>;
  browser?: Partial<BrowserResults>;
  bundle?: BundleResult;
}

export function buildFigures(r: AllResults): Figure[] {
  const out: Figure[] = [];
  const node = r.node;
  const br = r.browser;
  const adapter = br?.adapter ? `${br.adapter.vendor} ${br.adapter.architecture}`.trim() : 'no adapter';
  const nodeWhere = (timing?: string) => `node ${node?.backend ?? 'wasm'}${timing ? `, ${timing === 'perStep' ? 'per-step' : '10-step'} blocks` : ''}`;
  const webgpuWhere = (backend: string | undefined, timing?: string) => `browser ${backend ?? 'webgpu'} (${adapter})${timing ? `, ${timing === 'perStep' ? 'per-step' : '10-step'} blocks` : ''}`;

  // engine ÷ bare loop
  if (node?.ratios) {
    out.push(judged({ id: 'engine-vs-bare:node', name: 'engine step ÷ bare TF.js loop (FT, tf.train.adam)', where: nodeWhere(node.ratios.timing), value: node.ratios.engineVsBare, unit: '×', budget: { op: '<=', limit: 1.1 },
      note: `${node.ratios.model}, batch ${node.ratios.batch}: ${node.ratios.medianMs.ft} vs ${node.ratios.medianMs.bare} ms/step` }));
  }
  if (br?.ratios) {
    out.push(judged({ id: 'engine-vs-bare:webgpu', name: 'engine step ÷ bare TF.js loop (FT, tf.train.adam)', where: webgpuWhere(br.ratios.selected, br.ratios.timing), value: br.ratios.engineVsBare, unit: '×', budget: { op: '<=', limit: 1.1 },
      note: `${br.ratios.model}, batch ${br.ratios.batch}: ${br.ratios.medianMs.ft} vs ${br.ratios.medianMs.bare} ms/step` }));
  }
  // method ratios
  for (const b of RATIO_BUDGETS) {
    for (const [src, where] of [[node?.ratios, nodeWhere(node?.ratios?.timing)], [br?.ratios, webgpuWhere(br?.ratios?.selected, br?.ratios?.timing)]] as const) {
      if (!src || src.vsFt[b.label] === undefined) continue;
      out.push(judged({ id: `ratio:${b.label}:${src === node?.ratios ? 'node' : 'webgpu'}`, name: b.name, where, value: src.vsFt[b.label], unit: '×', budget: { op: '<=', limit: b.limit },
        note: `${src.medianMs[b.label]} vs ${src.medianMs.ft} ms/step (${src.model}, batch ${src.batch})` }));
    }
  }
  // kernels per step (machine-independent: a GPU step costs about its kernel count × the dispatch overhead)
  for (const k of node?.kernels ?? []) {
    const ft = node!.kernels!.find((x) => x.model === k.model && x.label === 'ft');
    const top = k.top.slice(0, 5).map(([n, c]) => `${n} ${c.toFixed(0)}`).join(', ');
    const where = `node ${node?.backend ?? 'wasm'}, runKernel calls over steps ${k.steps?.join('–') ?? '—'}`;
    if (k.label === 'ft') {
      const limit = KERNEL_BUDGETS[k.model];
      out.push(judged({ id: `kernels:${k.model}:ft`, name: `${k.model}: kernels per FT step`, where, value: k.perStep, unit: 'kernels', budget: limit ? { op: '<=', limit } : null, note: top }));
    } else if (k.skipped) {
      out.push(judged({ id: `kernels:${k.model}:${k.label}`, name: `${k.model}: ${k.label} kernels per step ÷ FT's`, where, value: null, unit: '×', budget: null, note: `not applicable: ${k.skipped}` }));
    } else {
      out.push(judged({ id: `kernels:${k.model}:${k.label}`, name: `${k.model}: ${k.label} kernels per step ÷ FT's`, where, value: ft?.perStep && k.perStep !== null ? k.perStep / ft.perStep : null, unit: '×',
        budget: { op: '<=', limit: KERNEL_METHOD_RATIO }, note: `${k.perStep?.toFixed(0)} vs ${ft?.perStep?.toFixed(0)} kernels; ${top}` }));
    }
  }
  // eval share
  if (node?.evalShare) {
    const e = node.evalShare;
    out.push(judged({ id: 'eval-share:node', name: e.evalAside ? 'share of wall time training is held by evaluation (default config)' : 'share of wall time in evaluation (default config)', where: nodeWhere(), value: e.evalShare, unit: '%', budget: { op: '<=', limit: 0.15 },
      note: `${e.evaluations} evaluations of ${e.medianEvalMs} ms${e.evalAside ? ` beside training in a worker thread (their own time ${((e.evalSeconds ?? 0) / e.seconds * 100).toFixed(1)} % of the run's ${e.seconds} s)` : ' in the run\'s thread'}, ${e.steps} steps at ${e.stepsPerSec} steps/s; ${e.config.steps === e.defaultSteps && e.config.evalEvery === 50 ? 'the default config as is' : `config: ${e.config.steps} steps, every ${e.config.evalEvery}, ${e.config.evalSize} eval images`}` }));
  }
  if (br?.evalShare) {
    const e = br.evalShare;
    const asIs = e.config.steps === e.defaultSteps && e.config.evalEvery === 50 && e.config.evalSize === 500;
    out.push(judged({ id: 'eval-share:webgpu', name: asIs ? 'share of wall time in evaluation (default config)' : 'share of wall time in evaluation (default config, projected)', where: webgpuWhere(e.backend),
      value: asIs ? e.evalShare : e.projectedDefaultShare, unit: '%', budget: { op: '<=', limit: 0.15 },
      note: asIs ? `${e.evaluations} evaluations of ${e.medianEvalMs} ms` : `projected: ${e.defaultSteps} steps at this run's ${e.stepsPerSec} steps/s, and evaluations every 50 steps at ${e.projectedEvalMs} ms (this run's ${e.medianEvalMs} ms for ${e.config.evalSize} images per set, scaled to 500); measured share of the shortened run (${e.config.steps} steps, evaluation every ${e.config.evalEvery}): ${(e.evalShare * 100).toFixed(1)} %` }));
  }
  if (br?.defaultRun) {
    const d = br.defaultRun;
    const asIs = d.query === '';
    const where = `real page, ${d.backendText}`;
    const run = asIs ? 'the default run' : `a shortened run (${d.query})`;
    const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
    out.push(judged({ id: 'eval-share:page', name: `share of wall time training is held by evaluation, ${asIs ? 'default run' : 'shortened run'} in the real page`, where, value: d.evalShare, unit: '%', budget: asIs ? { op: '<=', limit: 0.15 } : null,
      note: `${run}: ${d.evaluations} evaluations ${d.evalAside ? 'beside training in a second worker' : 'in the training worker'}, ${d.evalSeconds.toFixed(1)} s of their own (${pct(d.evalOwnShare)} of the run's ${d.runSeconds?.toFixed(1) ?? '?'} s)` }));
    out.push(judged({ id: 'default-run:page', name: `${asIs ? 'default run' : 'shortened run'} in the real page: Train pressed → last evaluation on screen`, where, value: d.lastEvalSec, unit: 's', budget: null,
      note: `${run}: first evaluation on screen after ${d.firstEvalSec?.toFixed(1) ?? '—'} s; ${d.stepsPerSec} steps/s; ends ${d.status} at ID ${d.idAcc}, OOD mean ${d.oodMean}, worst ${d.oodWorst}` }));
  }
  // tensor counts
  if (node?.leaks) {
    const bad = node.leaks.filter((l) => l.delta !== 0 || l.afterDispose !== 0);
    out.push(judged({ id: 'tensor-leak:node', name: `tensor count growth between two steps, every method (${node.leaks.length})`, where: nodeWhere(), value: Math.max(...node.leaks.map((l) => Math.abs(l.delta) + Math.abs(l.afterDispose))), unit: 'tensors', budget: { op: '==', limit: 0 },
      note: bad.length ? `leaking: ${bad.map((l) => `${l.label} +${l.delta} (+${l.afterDispose} after dispose)`).join(', ')}` : `0 for ${node.leaks.map((l) => l.label).join(', ')}; 0 left after dispose` }));
  }
  // GPU bytes
  if (br?.memory) {
    const m = br.memory;
    const first = m.oneWorker.afterRun[0];
    const last = m.oneWorker.afterRun[m.oneWorker.afterRun.length - 1];
    const alloc = (s: typeof first) => s.numBytesAllocatedInGPU ?? s.numBytes;
    const n = m.oneWorker.afterRun.length;
    out.push(judged({ id: 'gpu-bytes:one-worker', name: `GPU bytes allocated after run ${n} ÷ after run 1 (one worker)`, where: `browser ${m.backend}`, value: alloc(first) > 0 ? alloc(last) / alloc(first) : alloc(last) === 0 ? 1 : null, unit: '×', budget: { op: '<=', limit: 1.05 },
      note: `numBytesAllocatedInGPU (pool included) ${alloc(first)} → ${alloc(last)} B; in use (numBytesInGPU) ${first.numBytesInGPU} → ${last.numBytesInGPU} B; tensors ${first.numTensors} → ${last.numTensors}` }));
    const rss = m.gpuProcessRssMb;
    if (m.perWorker.length) {
      const pw = m.perWorker;
      const note = `each run in a fresh worker, terminated after it: allocated after its run ${pw.map((p) => alloc(p.afterRun)).join(', ')} B`
        + (rss ? `; GPU process resident memory ${rss.beforeRuns} MB before, ${rss.oneWorker[rss.oneWorker.length - 1]} MB after the one-worker runs, ${rss.perWorker.join(' → ')} MB after each fresh worker` : '');
      const v = rss && rss.perWorker.length >= 2 && rss.perWorker[0] ? rss.perWorker[rss.perWorker.length - 1]! / rss.perWorker[0]! : alloc(pw[0].afterRun) > 0 ? alloc(pw[pw.length - 1].afterRun) / alloc(pw[0].afterRun) : 1;
      out.push(judged({ id: 'gpu-bytes:worker-per-run', name: `GPU memory after run ${pw.length} ÷ after run 1 (worker per run${rss ? ', GPU process RSS' : ''})`, where: `browser ${m.backend}`, value: v, unit: '×', budget: { op: '<=', limit: 1.05 }, note }));
    }
  }
  if (node?.memory) {
    const m = node.memory;
    out.push(judged({ id: 'bytes:node', name: `tensor bytes after run ${m.afterRun.length} ÷ after run 1`, where: nodeWhere(), value: m.afterRun[0].numBytes > 0 ? m.afterRun[m.afterRun.length - 1].numBytes / m.afterRun[0].numBytes : m.afterRun[m.afterRun.length - 1].numBytes === 0 ? 1 : null, unit: '×', budget: { op: '<=', limit: 1.05 },
      note: `${m.afterRun.map((a) => a.numBytes).join(', ')} B after each run's dispose` }));
  }
  // long tasks
  if (br?.longTasks) {
    const l = br.longTasks;
    out.push(judged({ id: 'long-tasks', name: `main-thread long tasks (> 50 ms) while a run streams, ${l.seconds} s`, where: `real page, ${l.backend} (${adapter})`, value: l.count, unit: 'tasks', budget: { op: '==', limit: 0 },
      note: `longest ${l.maxMs} ms, ${l.totalMs} ms in all; steps ${l.stepsAtStart} → ${l.stepsAtEnd}${Object.keys(l.fields).length ? `; run set to ${Object.entries(l.fields).map(([k, v]) => `${k} = ${v}`).join(', ')}` : ''}` }));
  }
  // chart
  if (br?.chart) {
    for (const c of [br.chart.raw, br.chart.bounded]) {
      out.push(judged({ id: `chart:${c.series}`, name: c.series === 'raw' ? `loss chart update, ${c.points} points` : `loss chart update, bounded series (${c.streamedPoints} streamed → ${c.points} drawn)`, where: 'browser main thread', value: c.medianMs, unit: 'ms', budget: { op: '<=', limit: 16 },
        note: `median of ${c.updatesMs.length}, max ${c.maxMs} ms` }));
    }
  }
  // bundle
  if (r.bundle) {
    const b = r.bundle;
    const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
    const lazy = b.mainThread.filter((c) => c.loaded === 'dynamic');
    // what the page requested on opening (browser part): lazy chunks among them count as loaded on opening
    const scripts = br?.longTasks?.scripts;
    const openedLazy = scripts ? lazy.filter((c) => scripts.onOpen.includes(c.name)) : [];
    const withRun = scripts ? lazy.filter((c) => !scripts.onOpen.includes(c.name) && scripts.withRun.includes(c.name)) : [];
    const initial = b.initialGzipBytes ?? b.mainThreadGzipBytes;
    const loadedOnOpen = initial + openedLazy.reduce((n, c) => n + c.gzipBytes, 0);
    const workers = b.other.filter((o) => o.kind === 'worker').map((o) => o.name).join(', ');
    out.push(judged({ id: 'bundle', name: 'main-thread JavaScript loaded on opening the page, gzip (worker chunks excluded)', where: scripts ? 'vite build; chunks the page requested on opening (headless Chromium)' : 'vite build (entry and its static imports)', value: loadedOnOpen / 1000, unit: 'KB', budget: { op: '<=', limit: 250 },
      note: `${b.mainThread.filter((c) => c.loaded !== 'dynamic' || openedLazy.includes(c)).map((c) => `${c.name} ${kb(c.gzipBytes)}${c.loaded === 'dynamic' ? ' (lazy, requested on opening)' : ''}`).join(' + ')}`
        + (lazy.length ? `; not loaded on opening: ${lazy.length - openedLazy.length} lazy chunks, ${kb(b.mainThreadGzipBytes - loadedOnOpen)}${scripts ? ` (${withRun.length} of them requested once a run streamed: ${kb(withRun.reduce((n, c) => n + c.gzipBytes, 0))})` : ''}` : '')
        + `; excluded: ${workers}` }));
    if (lazy.length) {
      out.push(judged({ id: 'bundle:all', name: 'main-thread JavaScript, every chunk (lazy ones included), gzip', where: 'vite build', value: b.mainThreadGzipBytes / 1000, unit: 'KB', budget: null,
        note: `initial ${kb(initial)} + lazy ${kb(b.lazyGzipBytes ?? b.mainThreadGzipBytes - initial)}: ${lazy.map((c) => `${c.name} ${kb(c.gzipBytes)}`).join(', ')}` }));
    }
  }
  // speed
  const speedRows = [
    ...(node?.speed ?? []).map((s) => ({ s, where: nodeWhere(s.timing) })),
    ...(br?.backends ?? []).flatMap((b) => b.speed.map((s) => ({ s, where: `browser ${b.selected}${b.selected !== b.requested ? ` (asked ${b.requested})` : ''}${b.selected === 'webgpu' ? ` (${adapter})` : ''}, ${s.timing === 'perStep' ? 'per-step' : '10-step'} blocks` }))),
  ];
  for (const { s, where } of speedRows) {
    out.push(judged({ id: `speed:${s.backend}:${s.model}`, name: `${s.model}: FT steps/s (images/s) at batch ${s.batch}`, where, value: s.stepsPerSec, unit: 'steps/s', budget: null,
      note: `${s.imagesPerSec} images/s, ${s.msPerStep} ms/step, ${s.gflopsPerSec} GFLOP/s` }));
  }
  for (const b of br?.backends ?? []) {
    if (b.selected !== 'webgpu') continue;
    for (const s of b.speed) {
      out.push(judged({ id: `gflops:webgpu:${s.model}`, name: `${s.model}: achieved GFLOP/s (${(s.flopsPerStep / 1e9).toFixed(3)} GFLOP per step)`, where: `browser webgpu (${adapter})`, value: s.gflopsPerSec, unit: 'GFLOP/s', budget: null, note: '' }));
    }
  }
  return out;
}

export function figureTable(figures: Figure[], style: 'text' | 'markdown'): string {
  const rows = figures.map((f) => [f.name, f.where, formatValue(f), formatBudget(f), f.status === 'met' ? 'met' : f.status === 'missed' ? 'MISSED' : f.status, f.note]);
  const head = ['figure', 'measured on', 'value', 'budget', 'status', 'notes'];
  if (style === 'markdown') {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
  }
  const widths = head.slice(0, 5).map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (r: string[]) => r.slice(0, 5).map((c, i) => c.padEnd(widths[i])).join('  ') + (r[5] ? `  ${r[5]}` : '');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
