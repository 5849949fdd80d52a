/**
 * The results table as CSV: one row per method setting, mean and std over seeds as plain numbers
 * (accuracies as fractions), the model-selection rule on every row so a pasted table keeps it.
 */
import type { DistortionMetric } from '../charts/chartData';
import type { ResultRow, SelectionRule, Stat } from './compare';

/** Quotes a text cell; one a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading '. */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '';
}

const statCells = (s: Stat) => [csvNumber(s.mean), csvNumber(s.std)];

export function resultsCsv(rows: readonly ResultRow[], rule: SelectionRule, metric: DistortionMetric): string {
  const header = [
    'method', 'selection_rule', 'n_seeds', 'seeds',
    'id_accuracy_mean', 'id_accuracy_std', 'ood_mean_accuracy_mean', 'ood_mean_accuracy_std',
    'ood_worst_accuracy_mean', 'ood_worst_accuracy_std',
    `distortion_id_${metric}_mean`, `distortion_id_${metric}_std`, `distortion_ood_${metric}_mean`, `distortion_ood_${metric}_std`,
    'run_seconds_mean', 'run_seconds_std', 'not_counted',
  ];
  const lines = rows.map((r) => [
    csvText(r.label), rule === 'last' ? 'last step' : 'best ID validation', String(r.seeds.length), csvText(r.seeds.join(' ')),
    ...statCells(r.idAcc), ...statCells(r.oodMean), ...statCells(r.oodWorst),
    ...statCells(r.distortionId), ...statCells(r.distortionOod), ...statCells(r.seconds),
    csvText([...r.excluded, ...(r.pending ? [`${r.pending} not finished`] : [])].join('; ')),
  ].join(','));
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
