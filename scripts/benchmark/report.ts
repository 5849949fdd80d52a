/**
 * The benchmark tables from runs/benchmark/*.jsonl: our ERM beside DomainBed's published ERM per
 * held-out domain, the budget points, and our methods' rows; printed by `npm run benchmark --
 * --report` and written into docs/results.md between markers (docsBlock.ts) with --write-docs.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARKS, type BenchmarkId } from '../../src/engine/data/targets';
import { DOMAINBED_ERM, DOMAINBED_RESULTS_URL } from './published';
import { readRecords, type BenchmarkRecord } from './records';
import { domainbedMean, formatCell, resultsByDomain, type Cell } from './selection';

export function loadAll(dir: string): BenchmarkRecord[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => readRecords(join(dir, f)));
}

/** One row: a cell per held-out domain (mean ± SE over trials) and the average of the domain means. */
export interface Row { label: string; cells: Cell[]; avg: number; trials: number; seconds: number; valCells: Cell[] }

export function rowOf(label: string, records: readonly BenchmarkRecord[], benchmark: BenchmarkId): Row {
  const domains = BENCHMARKS[benchmark].domains.length;
  const { perDomain, chosen } = resultsByDomain(records, domains);
  const cells = perDomain.map(domainbedMean);
  const valCells = chosen.map((runs) => domainbedMean(runs.map((r) => Math.max(...r.checkpoints.map((c) => c.valAcc)))));
  const present = cells.filter((c) => c.n > 0);
  const avg = present.length === domains ? present.reduce((a, c) => a + c.mean, 0) / domains : Number.NaN;
  const finished = records.filter((r) => r.status !== 'failed');
  return {
    label, cells, avg, valCells,
    trials: Math.max(0, ...cells.map((c) => c.n)),
    seconds: finished.reduce((a, r) => a + r.seconds, 0) / Math.max(finished.length, 1),
  };
}

function table(benchmark: BenchmarkId, rows: readonly Row[], withPublished: boolean): string {
  const info = BENCHMARKS[benchmark];
  const head = `| algorithm | ${info.domains.join(' | ')} | Avg |`;
  const sep = `|---|${info.domains.map(() => '---').join('|')}|---|`;
  const lines = [head, sep];
  if (withPublished) {
    const p = DOMAINBED_ERM[benchmark];
    lines.push(`| ERM, DomainBed (published) | ${p.cells.map((c) => `${c.mean.toFixed(1)} ± ${c.err.toFixed(1)}`).join(' | ')} | ${p.avg.toFixed(1)} |`);
  }
  for (const r of rows) lines.push(`| ${r.label} | ${r.cells.map(formatCell).join(' | ')} | ${Number.isFinite(r.avg) ? r.avg.toFixed(1) : '–'} |`);
  return lines.join('\n');
}

function valTable(benchmark: BenchmarkId, rows: readonly Row[]): string {
  const info = BENCHMARKS[benchmark];
  const lines = [`| algorithm | ${info.domains.map((d) => `${d} held out`).join(' | ')} |`, `|---|${info.domains.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.label} | ${r.valCells.map(formatCell).join(' | ')} |`);
  return lines.join('\n');
}

const byPlan = (records: readonly BenchmarkRecord[], plan: string, budget?: string) =>
  records.filter((r) => r.plan === plan && (budget === undefined || r.budget === budget));

/** Rows for each algorithm of a plan, in first-seen order. */
function algorithmRows(records: readonly BenchmarkRecord[], benchmark: BenchmarkId, suffix = ''): Row[] {
  const algorithms = [...new Set(records.map((r) => r.algorithm))];
  return algorithms.map((a) => rowOf(`${a}${suffix}`, records.filter((r) => r.algorithm === a), benchmark));
}

export interface BenchmarkTables { markdown: string; rows: Record<string, Row[]> }

export function renderTables(records: readonly BenchmarkRecord[]): BenchmarkTables {
  const out: string[] = [];
  const rows: Record<string, Row[]> = {};
  for (const [benchmark, short] of [['rotated-mnist', 'rmnist'], ['colored-mnist', 'cmnist']] as const) {
    const erm = ['small', 'medium'].map((b) => ({ b, recs: byPlan(records, `erm-${short}`, b) })).filter((x) => x.recs.length);
    const methods = byPlan(records, `methods-${short}`);
    const ermRows = erm.map(({ b, recs }) => rowOf(`ERM, ours (budget ${b}, ${new Set(recs.map((r) => r.hparamSample)).size} hparam samples)`, recs, benchmark));
    const methodRows = algorithmRows(methods, benchmark);
    rows[benchmark] = [...ermRows, ...methodRows];
    if (!rows[benchmark].length) continue;
    out.push(`#### ${BENCHMARKS[benchmark].domainbedName}: held-out-domain accuracy (%), training-domain validation\n`);
    out.push(table(benchmark, rows[benchmark], true));
    out.push('');
    out.push(`Training-domain validation accuracy (%) of the chosen checkpoints, per held-out domain:\n`);
    out.push(valTable(benchmark, rows[benchmark]));
    out.push('');
  }
  return { markdown: out.join('\n'), rows };
}

export function printReport(dir: string): void {
  const records = loadAll(dir);
  console.log(`${records.length} records in ${dir}; DomainBed's numbers: ${DOMAINBED_RESULTS_URL}\n`);
  console.log(renderTables(records).markdown);
}
