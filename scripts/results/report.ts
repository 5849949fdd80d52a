/**
 * docs/results.md from the results files alone (runs/results/<scenario>.jsonl): per scenario the
 * protocol, the machine, the results table (mean ± std over seeds), the paired comparison
 * against FT, the grid search, OOD accuracy per shift, and the paper claims checked on the numbers.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { markedBlock, withMarkedBlock } from '../benchmark/docsBlock';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CLAIMS, evaluateClaim, matrixWallSeconds, METRIC_LABEL, pairedAgainstReference, SIGNIFICANCE, summarizeMethod,
  type ClaimResult, type Metric, type MethodResult, type Paired, type Stat,
} from './aggregate';
import { readPath } from '../../src/engine/config/paths';
import { baseSpecs } from '../../src/engine/methods/specs';
import { readResults, type RunRecord, type SessionRecord } from './records';
import { formatGridValue, formatParamValue, GRID_PARAM_LABEL, METHODS, REFERENCE_METHOD, scenarioById, SCENARIOS, type MethodSpec } from './scenarios';

export interface ScenarioData {
  /** the results file it was read from */
  file: string;
  runs: RunRecord[];
  sessions: SessionRecord[];
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------- formatting

const isAcc = (m: Metric) => m === 'idAcc' || m === 'oodMean' || m === 'oodWorst';

function num(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

/** "97.3 ± 0.4" (accuracies in %), "2.31 ± 0.12" (distortion), "85 ± 3" (seconds). */
export function fmtStat(s: Stat, metric: Metric): string {
  if (s.n === 0) return '—';
  const scale = isAcc(metric) ? 100 : 1;
  const digits = isAcc(metric) ? 1 : metric === 'seconds' ? 0 : 2;
  const m = num(s.mean * scale, digits);
  return s.n < 2 ? m : `${m} ± ${num(s.std * scale, digits)}`;
}

/** A difference: "+1.2 ± 0.8 pp" for accuracies, "−0.31 ± 0.05" for distortion. */
export function fmtDiff(meanDiff: number, sdDiff: number, metric: Metric): string {
  const scale = isAcc(metric) ? 100 : 1;
  const digits = isAcc(metric) ? 1 : 2;
  const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
  const m = `${sign(meanDiff * scale)}${num(Math.abs(meanDiff * scale), digits)}`;
  const sd = Number.isFinite(sdDiff) ? ` ± ${num(sdDiff * scale, digits)}` : '';
  return `${m}${sd}${isAcc(metric) ? ' pp' : ''}`;
}

export function fmtP(p: number): string {
  if (Number.isNaN(p)) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  const h = Math.floor(s / 3600);
  const m = Math.round((s - h * 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : s >= 60 ? `${m} min` : `${Math.round(s)} s`;
}

function table(header: string[], rows: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

function seedList(seeds: readonly number[]): string {
  if (seeds.length === 0) return 'none';
  const sorted = [...seeds].sort((a, b) => a - b);
  const contiguous = sorted.every((s, i) => i === 0 || s === sorted[i - 1] + 1);
  return contiguous && sorted.length > 2 ? `${sorted[0]}–${sorted[sorted.length - 1]}` : sorted.join(', ');
}

// ---------------------------------------------------------------- one scenario

/** The method specs of the latest session (the grids actually run), in the matrix's order. */
export function specsOf(data: ScenarioData): MethodSpec[] {
  const session = data.sessions[data.sessions.length - 1];
  const labels = new Set([...(session?.plan.methods.map((m) => m.label) ?? []), ...data.runs.map((r) => r.method)]);
  return METHODS.filter((m) => labels.has(m.label)).map((m) => {
    const planned = session?.plan.methods.find((p) => p.label === m.label);
    return planned ? { ...m, param: planned.param, grid: [...planned.grid] } : m;
  });
}

export function skippedOf(data: ScenarioData): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of data.sessions) for (const k of s.plan.skipped) out.set(k.method, k.reason);
  return out;
}

export interface ScenarioAnalysis {
  results: MethodResult[];
  paired: Paired[];
  claims: ClaimResult[];
  skipped: Map<string, string>;
}

export function analyse(data: ScenarioData): ScenarioAnalysis {
  const results = specsOf(data).map((spec) => summarizeMethod(spec, data.runs));
  const skipped = skippedOf(data);
  return { results, paired: pairedAgainstReference(results), claims: CLAIMS.map((c) => evaluateClaim(c, results, skipped)), skipped };
}

const CONFIG_FIELDS: [string, (c: RunRecord['config']) => unknown][] = [
  ['dataset', (c) => c.dataset],
  ['trainSize', (c) => c.trainSize],
  ['duration', (c) => `${c.duration.value} ${c.duration.unit}`],
  ['batchSize', (c) => c.batchSize],
  ['optimizer', (c) => c.optimizer],
  ['schedule', (c) => c.schedule],
  ['shifts', (c) => c.shifts.join(', ') || 'none'],
  ['severity', (c) => c.severity],
  ['evalSize', (c) => c.evalSize],
  ['evalEvery', (c) => c.evalEvery],
  ['probeSize', (c) => c.probeSize],
  // every base method's own settings, as its spec names them ("LP-FT LP steps", "LEVI taps")
  ...baseSpecs().flatMap((spec) => spec.params.map((p): [string, (c: RunRecord['config']) => unknown] => [
    p.label.startsWith(spec.short) ? p.label : `${spec.short} ${p.label}`,
    (c) => formatParamValue(p, readPath(c.method, p.path) as number),
  ])),
];

function commonSettings(runs: readonly RunRecord[]): string {
  const parts: string[] = [];
  for (const [name, get] of CONFIG_FIELDS) {
    const values = [...new Set(runs.map((r) => JSON.stringify(get(r.config))))];
    parts.push(`${name} ${values.length === 1 ? String(JSON.parse(values[0])) : '(varies)'}`);
  }
  return parts.join(' · ');
}

function machineOf(data: ScenarioData): string {
  const hosts = [...new Set(data.sessions.map((s) => `${s.host.os}, ${s.host.cpus} × ${s.host.cpuModel}, ${s.host.memGiB} GiB, Node ${s.host.node}`))];
  const backends = [...new Set(data.runs.map((r) => r.backend).filter(Boolean))];
  const parallel = [...new Set(data.sessions.map((s) => s.options.parallel))];
  return `${hosts.join('; ') || 'unknown'} · TF.js backend ${backends.join(', ') || 'unknown'} · ${parallel.join('/')} run(s) in parallel`;
}

function resultsTable(results: readonly MethodResult[], selection: 'last' | 'bestVal'): string {
  const metrics: Metric[] = selection === 'last' ? ['idAcc', 'oodMean', 'oodWorst', 'distId', 'distOod', 'seconds'] : ['idAcc', 'oodMean', 'oodWorst', 'distId', 'distOod'];
  const rows = results.map((r) => {
    const chosen = r.grid.chosen === undefined ? '—' : `${GRID_PARAM_LABEL[r.spec.param]} ${formatGridValue(r.grid.chosen)}`;
    const extra = [r.diverged.length ? `${r.diverged.length} diverged` : '', r.failed.length ? `${r.failed.length} failed` : ''].filter(Boolean).join(', ');
    const seeds = `${r.runs.length}${extra ? ` (+${extra})` : ''}`;
    return [r.label, chosen, seeds, ...metrics.map((m) => fmtStat(r[selection][m], m))];
  });
  const head = metrics.map((m) => (isAcc(m) ? `${METRIC_LABEL[m]} (%)` : METRIC_LABEL[m]));
  return table(['method', 'chosen', 'seeds', ...head], rows);
}

function pairedTable(paired: readonly Paired[]): string {
  if (paired.length === 0) return `_No paired comparison: ${REFERENCE_METHOD} has no finished seeds._`;
  const rows = paired.map((p) => [
    p.a, METRIC_LABEL[p.metric], String(p.n), fmtDiff(p.meanDiff, p.sdDiff, p.metric),
    Number.isFinite(p.t) ? p.t.toFixed(2) : Number.isNaN(p.t) ? '—' : p.t > 0 ? '+∞' : '−∞', fmtP(p.p), p.verdict,
  ]);
  return table(['method', 'metric', 'pairs', `Δ (method − ${REFERENCE_METHOD}), mean ± sd`, 't', 'p', 'verdict'], rows);
}

function gridTable(results: readonly MethodResult[]): string {
  const width = Math.max(...results.map((r) => r.grid.points.length), 0);
  const rows = results.map((r) => {
    const cells = r.grid.points.map((p) => {
      const v = `\`${formatGridValue(p.value)}\``;
      if (!p.run) return `${v}: not run`;
      if (p.run.status === 'failed') return `${v}: failed`;
      if (p.run.status === 'diverged') return `${v}: diverged (step ${p.run.divergedAtStep ?? '?'})`;
      const cell = `${v}: ${num((p.valAcc ?? Number.NaN) * 100, 1)}`;
      return p.value === r.grid.chosen ? `**${cell} ✓**` : cell;
    });
    while (cells.length < width) cells.push('');
    const values = r.grid.points.map((p) => p.value);
    const edge = r.grid.chosen !== undefined && values.length > 2 && (r.grid.chosen === values[0] || r.grid.chosen === values[values.length - 1]);
    return [r.label, GRID_PARAM_LABEL[r.spec.param], ...cells, `${r.spec.note}${edge ? '; chosen at the edge of the grid' : ''}`];
  });
  return table(['method', 'parameter', ...Array.from({ length: width }, (_, i) => `point ${i + 1}: val acc (%)`), 'what varies'], rows);
}

function perShiftTable(results: readonly MethodResult[]): string {
  const shifts = [...new Set(results.flatMap((r) => Object.keys(r.perShift)))] as (keyof MethodResult['perShift'])[];
  if (shifts.length === 0) return '_No finished runs._';
  const rows = results.filter((r) => r.runs.length).map((r) => [r.label, ...shifts.map((s) => (r.perShift[s] ? fmtStat(r.perShift[s]!, 'oodMean') : '—'))]);
  return table(['method', ...shifts.map((s) => `${s} (%)`)], rows);
}

function claimLine(c: ClaimResult): string {
  const head = `- **(${c.def.id}) ${c.def.source}** — “${c.def.statement}”: **${c.verdict}**.`;
  if (c.reason) return `${head} ${c.reason.charAt(0).toUpperCase()}${c.reason.slice(1)}.`;
  const parts = c.parts.map((p) => {
    const what = `${METRIC_LABEL[p.metric]} ${p.a} − ${p.b} = ${fmtDiff(p.test.meanDiff, p.test.sdDiff, p.metric)}`;
    return `${what} (expected ${p.expect === 'higher' ? '> 0' : '< 0'}; p = ${fmtP(p.test.p)}, n = ${p.test.n}: ${p.outcome})`;
  });
  const count = (o: string) => c.parts.filter((p) => p.outcome === o).length;
  const claimedWay = c.parts.filter((p) => p.outcome === 'inconclusive' && (p.test.meanDiff > 0) === (p.expect === 'higher') && p.test.meanDiff !== 0).length;
  const others = [
    claimedWay ? `${claimedWay} go${claimedWay === 1 ? 'es' : ''} the claimed way without significance` : '',
    count('contradicted') ? `${count('contradicted')} go${count('contradicted') === 1 ? 'es' : ''} significantly against it` : '',
  ].filter(Boolean);
  const tally = `${count('supported')} of ${c.parts.length} comparisons hold beyond seed noise${others.length ? ` (${others.join('; ')})` : ''}`;
  return `${head} ${tally}: ${parts.join('; ')}.`;
}

export function scenarioSection(data: ScenarioData): string {
  const { runs, sessions } = data;
  const last = sessions[sessions.length - 1];
  const scenarioId = last?.scenario ?? runs[0]?.scenario ?? '?';
  const model = last?.model ?? runs[0]?.model ?? '?';
  const scenario = scenarioById(scenarioId);
  const a = analyse(data);
  const finished = runs.filter((r) => r.status !== 'failed');
  const times = runs.map((r) => Date.parse(r.finishedAt)).filter(Number.isFinite);
  const date = times.length ? `${new Date(Math.min(...times)).toISOString().slice(0, 16).replace('T', ' ')} – ${new Date(Math.max(...times)).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
  const seedsUsed = [...new Set(a.results.flatMap((r) => r.seeds))];
  const commands = [...new Set(sessions.map((s) => s.command))];
  const quick = sessions.some((s) => s.options.quick);
  const out: string[] = [];
  out.push(`## ${scenarioId}: ${model} on ${scenario?.dataset ?? runs[0]?.config.dataset ?? '?'}`);
  if (scenario && model !== scenario.model) out.push(`\n> The scenario's model ${scenario.model} was replaced by ${model} for this run (--model).`);
  if (quick) out.push('\n> **Quick mode** (tiny data, 20 steps): a check that the pipeline works. These numbers say nothing about the methods.');
  out.push('');
  out.push(`- Command${commands.length > 1 ? 's (resumed)' : ''}: ${commands.map((c) => `\`${c}\``).join(', ') || '—'}`);
  out.push(`- Seeds: ${seedList(seedsUsed)} (grid search on seed 0, which is reused; the seed sets the head initialisation, the data order and the shift noise, identically for every method)`);
  out.push(`- Model selection: grid point by ID validation accuracy at the last evaluation of seed 0 (ties → the smaller value; OOD never used); reported numbers are from the **last evaluation** (end of training). A second table gives the evaluation with the best ID validation accuracy.`);
  out.push(`- Settings common to every run: ${finished.length ? commonSettings(finished) : '—'}`);
  out.push(`- Date: ${date}; wall time of the matrix: ${fmtSeconds(matrixWallSeconds(runs, sessions))} (${finished.length} runs${runs.length > finished.length ? `, ${runs.length - finished.length} failed` : ''})`);
  out.push(`- Machine: ${machineOf(data)}`);
  out.push(`- Results file: \`${relative(REPO_ROOT, resolve(data.file))}\``);
  if (a.skipped.size) out.push(`- Not run on this model: ${[...a.skipped].map(([m, why]) => `${m} (${why})`).join('; ')}`);
  out.push('');
  out.push('### Results (last evaluation, mean ± std over seeds)');
  out.push('');
  out.push(resultsTable(a.results, 'last'));
  out.push('');
  out.push('### Results at the best ID validation evaluation (same runs)');
  out.push('');
  out.push(resultsTable(a.results, 'bestVal'));
  out.push('');
  out.push(`### Paired comparison with ${REFERENCE_METHOD} (same seeds; paired t-test, two-sided)`);
  out.push('');
  out.push(pairedTable(a.paired));
  out.push('');
  out.push('### Grid search (seed 0, ID validation accuracy at the last evaluation; ✓ chosen)');
  out.push('');
  out.push(gridTable(a.results));
  out.push('');
  out.push('### OOD accuracy per shift (last evaluation, mean ± std over seeds)');
  out.push('');
  out.push(perShiftTable(a.results));
  out.push('');
  out.push('### Claims');
  out.push('');
  out.push(a.claims.map(claimLine).join('\n'));
  out.push('');
  return out.join('\n');
}

/** The one claim this matrix does not measure: the double-descent lab's sweeps do (docs/double-descent.md). */
const DOUBLE_DESCENT_SECTION = [
  '## (f) Dar, Luzi, Baraniuk (frozen overparameterization): measured by the double-descent lab',
  '',
  '“Freezing depth shapes double descent” is measured with `npm run sweep`, not with this matrix; the curves, commands and numbers are in '
    + '`docs/double-descent.md`. At this scale (MNIST digits 5–9, 990 images, 20 % label noise, two small lab sources, one seed): the epoch-wise '
    + 'double descent reproduces only its first half (test error rises as the noisy labels are memorised, with no second descent within the '
    + 'epochs run); the freezing-wise double descent does not reproduce; a less related source matches (does not beat) the related one only '
    + 'when every block is frozen; “a larger source delays the peak” was not tested.',
  '',
].join('\n');

export function renderReport(datas: readonly ScenarioData[], generatedAt = new Date()): string {
  const out: string[] = [];
  out.push('# Results: does the playground show what the papers claim?');
  out.push('');
  out.push(`Generated by \`npm run results\` from the results files on ${generatedAt.toISOString().slice(0, 10)}; regenerate with \`npm run results -- --report-only\`. Do not edit by hand.`);
  out.push('');
  out.push('**Protocol.** Every method gets a grid of 3 values of one hyper-parameter and the same training duration (LP-FT runs its cheap LP stage on cached features before it). '
    + 'All grid points run on seed 0; the point with the best ID validation accuracy at the last evaluation is chosen (ties → the smaller value; OOD accuracy is never used to choose); '
    + 'that point then runs on the further seeds. Numbers are mean ± std (n − 1) over seeds. '
    + `Paired comparisons take, per seed, the difference method − ${REFERENCE_METHOD} and test it with a two-sided paired t-test: `
    + `“better/worse beyond seed noise (p < ${SIGNIFICANCE})” or “no clear difference”. `
    + 'A claim **reproduces** when every one of its comparisons goes the claimed way with p < 0.05, **partly** when some do, **does not reproduce** when none does. '
    + 'Accuracies in %, differences of accuracies in percentage points (pp); distortion is the mean ℓ2 distance between fine-tuned and pretrained penultimate features over the probe images.');
  out.push('');
  if (datas.length === 0) out.push('_No results yet: run `npm run results -- --scenario mnist-resnet`._\n');
  for (const d of datas) out.push(scenarioSection(d));
  out.push(DOUBLE_DESCENT_SECTION);
  return `${out.join('\n').trimEnd()}\n`;
}

/** The results files of a folder (one per scenario, `<scenario>[--<model>].jsonl`), in SCENARIOS order then by name. */
export function resultFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  const rank = (f: string) => {
    const i = SCENARIOS.findIndex(({ id }) => f === `${id}.jsonl` || f.startsWith(`${id}--`));
    return i < 0 ? 99 : i;
  };
  return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((f) => join(dir, f));
}

export function loadScenarioData(files: readonly string[]): ScenarioData[] {
  return files.map((file) => ({ file, ...readResults(file) })).filter((d) => d.runs.length > 0 || d.sessions.length > 0);
}

export function writeReport(dir: string, mdPath: string, generatedAt = new Date()): string {
  let md = renderReport(loadScenarioData(resultFiles(dir)), generatedAt);
  // the DomainBed benchmark section is written by scripts/benchmark; keep it
  const kept = existsSync(mdPath) ? markedBlock(readFileSync(mdPath, 'utf8')) : undefined;
  if (kept) md = withMarkedBlock(md, kept);
  mkdirSync(dirname(mdPath), { recursive: true });
  writeFileSync(mdPath, md);
  return md;
}
