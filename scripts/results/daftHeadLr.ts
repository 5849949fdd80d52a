/**
 * The study that chose DAFT's default head learning-rate scale (issue 13): DAFT on the default
 * scenario (resnet-broad on MNIST, the page's defaults, seed 0), over the official sweep's range —
 * backbone lr × head scale with the head lr (their product) within the official {0.1 … 10} — and
 * picked, as the results matrix picks, by ID validation accuracy at the last evaluation (OOD is
 * never looked at; ties → the smaller scale). One JSON line per run; resumable.
 *   npx tsx scripts/results/daftHeadLr.ts [--out runs/studies/daft-head-lr.jsonl] [--seed 0]
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import type { RunConfig } from '../../src/engine/config/schema';
import { runTraining } from '../../src/engine/training/run';
import { publicDirReader } from '../node/fileAssets';
import { useNodeBackend } from '../node/tfNode';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'runs/studies/daft-head-lr.jsonl' }, seed: { type: 'string', default: '0' } } });
const BACKBONE_LR = [3e-5, 1e-4, 3e-4];
const HEAD_SCALE = [1e3, 1e4, 1e5];
const HEAD_LR_RANGE = [0.1 / 1.0001, 10 * 1.0001];

interface Row { lr: number; headLrScale: number; seed: number; valAcc: number; idAcc: number; oodMean: number; status: string; seconds: number }

await useNodeBackend('wasm');
mkdirSync(dirname(values.out!), { recursive: true });
const done: Row[] = existsSync(values.out!) ? readFileSync(values.out!, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row) : [];
const seed = Number(values.seed);
for (const lr of BACKBONE_LR) {
  for (const headLrScale of HEAD_SCALE) {
    const headLr = lr * headLrScale;
    if (headLr < HEAD_LR_RANGE[0] || headLr > HEAD_LR_RANGE[1]) continue;
    if (done.some((r) => r.lr === lr && r.headLrScale === headLrScale && r.seed === seed)) continue;
    const config: RunConfig = { ...DEFAULT_CONFIG, seed, lr, method: { ...DEFAULT_CONFIG.method, kind: 'daft', daft: { headLrScale } } };
    const s = await runTraining(config, { reader: publicDirReader(), emit: () => undefined, control: { checkpoint: async () => false } });
    const row: Row = { lr, headLrScale, seed, valAcc: s.last?.valAcc ?? Number.NaN, idAcc: s.last?.idAcc ?? Number.NaN, oodMean: s.last?.oodMean ?? Number.NaN, status: s.status, seconds: Math.round(s.seconds) };
    appendFileSync(values.out!, `${JSON.stringify(row)}\n`);
    done.push(row);
    console.log(JSON.stringify(row));
  }
}
const rows = done.filter((r) => r.seed === seed && r.status === 'completed');
const best = rows.reduce<Row | null>((b, r) => (!b || r.valAcc > b.valAcc || (r.valAcc === b.valAcc && r.headLrScale < b.headLrScale) ? r : b), null);
console.log('| backbone lr | head scale | head lr | val % | ID % | OOD mean % |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.lr} | ${r.headLrScale} | ${Number((r.lr * r.headLrScale).toPrecision(3))} | ${(r.valAcc * 100).toFixed(1)} | ${(r.idAcc * 100).toFixed(1)} | ${(r.oodMean * 100).toFixed(1)} |`);
if (best) console.log(`chosen on ID validation: backbone lr ${best.lr}, head scale ${best.headLrScale}`);
