/**
 * The results table as CSV: one row per method setting, mean, std and the t-based 95 % interval
 * over seeds as plain numbers (accuracies as fractions), the model-selection rule on every row so
 * a pasted table keeps it. And the compared runs' per-step curves.
 */
import type { DistortionMetric } from '../charts/chartData';
import type { RunView } from '../store/runView';
import type { MetricId, ResultRow, SelectionRule, Stat } from './compare';
import { pairedTTest, tInterval } from './stats';

/** Quotes a text cell; one a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading '. */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '';
}

/** mean, std and the t-based 95 % interval (empty below two seeds) */
function statCells(s: Stat): string[] {
  const ci = tInterval(s);
  return [csvNumber(s.mean), csvNumber(s.std), csvNumber(ci?.lo ?? Number.NaN), csvNumber(ci?.hi ?? Number.NaN)];
}
const statHeader = (name: string) => [`${name}_mean`, `${name}_std`, `${name}_ci95_lo`, `${name}_ci95_hi`];

const TESTED: [MetricId, string][] = [['idAcc', 'id_accuracy'], ['oodMean', 'ood_mean_accuracy'], ['oodWorst', 'ood_worst_accuracy']];

/** Against the baseline: shared seeds, then per accuracy the mean paired difference and its two-sided p (empty where untested). */
function testCells(row: ResultRow, baseline: ResultRow | null): string[] {
  if (!baseline || baseline === row) return ['', ...TESTED.flatMap(() => ['', ''])];
  const bySeed = (r: ResultRow, id: MetricId) => new Map([...r.perSeed].map(([seed, v]) => [seed, v[id]]));
  const tests = TESTED.map(([id]) => pairedTTest(bySeed(row, id), bySeed(baseline, id)));
  return [String(tests[0].n), ...tests.flatMap((t) => (t.ok ? [csvNumber(t.meanDiff), csvNumber(t.p)] : ['', '']))];
}

export function resultsCsv(rows: readonly ResultRow[], rule: SelectionRule, metric: DistortionMetric, baseline: ResultRow | null = null): string {
  const header = [
    'method', 'selection_rule', 'n_seeds', 'seeds',
    ...statHeader('id_accuracy'), ...statHeader('ood_mean_accuracy'), ...statHeader('ood_worst_accuracy'),
    ...statHeader(`distortion_id_${metric}`), ...statHeader(`distortion_ood_${metric}`), ...statHeader('run_seconds'), 'not_counted',
    'baseline', 'paired_seeds', ...TESTED.flatMap(([, name]) => [`${name}_diff_vs_baseline`, `${name}_paired_t_p`]),
  ];
  const lines = rows.map((r) => [
    csvText(r.label), rule === 'last' ? 'last step' : 'best ID validation', String(r.seeds.length), csvText(r.seeds.join(' ')),
    ...statCells(r.idAcc), ...statCells(r.oodMean), ...statCells(r.oodWorst),
    ...statCells(r.distortionId), ...statCells(r.distortionOod), ...statCells(r.seconds),
    csvText([...r.excluded, ...(r.pending ? [`${r.pending} not finished`] : [])].join('; ')),
    baseline ? csvText(baseline.label) : '', ...testCells(r, baseline),
  ].join(','));
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/**
 * Every compared run's per-step curves in long form, one value per line (setting, seed, step,
 * metric, value): the training loss at each kept step, and each evaluation's accuracies and
 * feature distortion. Long form so a spreadsheet or pandas pivots it as it likes.
 */
export function curvesCsv(groups: readonly { label: string; runs: readonly RunView[] }[], metric: DistortionMetric): string {
  const lines = ['setting,seed,step,metric,value'];
  for (const g of groups) {
    const label = csvText(g.label);
    for (const run of g.runs) {
      const seed = String(run.config.seed);
      const put = (step: number, name: string, v: number) => { if (Number.isFinite(v)) lines.push(`${label},${seed},${csvNumber(step)},${name},${csvNumber(v)}`); };
      for (const p of run.loss) put(p.x, 'loss', p.y);
      for (const e of run.evals) {
        put(e.step, 'id_accuracy', e.idAcc);
        put(e.step, 'ood_mean_accuracy', e.oodMean);
        put(e.step, 'ood_worst_accuracy', e.oodWorst);
        put(e.step, `distortion_id_${metric}`, e.distortion.id[metric]);
        put(e.step, `distortion_ood_${metric}`, e.distortion.ood[metric]);
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
