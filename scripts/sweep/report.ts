/**
 * Markdown tables from sweep JSON lines (docs/double-descent.md is written from these):
 *   npx tsx scripts/sweep/report.ts runs/sweeps/double-descent.jsonl [more.jsonl …]
 * Per setting: final train and test error vs k, the mean test error of the last 5 epochs, the lowest
 * test error and the highest 5-epoch mean after it (labData.epochShape), the epoch where train error
 * reaches ≈ 0, and the curves (train / test error at chosen epochs).
 */
import { readFileSync } from 'node:fs';
import { parseSweepLines, type SweepRecord } from '../../src/engine/sweep/record';
import { epochShape } from '../../src/ui/lab/labData';

const pct = (v: number) => (v * 100).toFixed(1);

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}

export function sweepReport(records: SweepRecord[], epochsShown = [0, 1, 2, 3, 5, 10, 15, 20, 30, 40, 60, 80]): string {
  const lines: string[] = [];
  for (const [setting, rs] of groupBy(records, (r) => `${r.sweep} · ${r.point.source} · n = ${r.point.trainSize} · noise ${pct(r.point.labelNoise)} %`)) {
    rs.sort((a, b) => a.point.k - b.point.k);
    const epochs = rs[0].curve.length - 1;
    lines.push(`#### ${setting} (${epochs} epochs, ${rs[0].flippedLabels} of ${rs[0].trainImages} labels flipped, ${rs[0].testImages} test images)`, '');
    lines.push('| k | trainable params | final train err | final test err | test err, mean of last 5 epochs | lowest test err (epoch) | highest 5-epoch mean after it (centre epoch) | train err ≤ 1 % at epoch | seconds |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const r of rs) {
      const s = epochShape(r);
      lines.push(`| ${r.point.k} | ${r.trainableParams?.toLocaleString('en') ?? '—'} | ${pct(r.final.trainErr)} | ${pct(r.final.testErr)} | ${pct(s.end)} | ${pct(s.lowest.testErr)} (${s.lowest.epoch}) | ${pct(s.peak.testErr)} (${s.peak.epoch}) | ${r.interpolationEpoch ?? '—'} | ${r.seconds.toFixed(0)} |`);
    }
    lines.push('');
    const shown = epochsShown.filter((e) => e <= epochs);
    lines.push(`| train / test err % at epoch | ${shown.join(' | ')} |`, `|---|${shown.map(() => '---').join('|')}|`);
    for (const r of rs) {
      const at = (e: number) => { const c = r.curve.find((x) => x.epoch === e); return c ? `${pct(c.trainErr)} / ${pct(c.testErr)}` : '—'; };
      lines.push(`| k = ${r.point.k} | ${shown.map(at).join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (files.length === 0) { console.error('usage: npx tsx scripts/sweep/report.ts <sweep.jsonl> [more.jsonl …]'); process.exit(2); }
  console.log(sweepReport(files.flatMap((f) => parseSweepLines(readFileSync(f, 'utf8')))));
}
