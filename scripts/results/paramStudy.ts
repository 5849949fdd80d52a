/**
 * A study that chooses a method's default for one parameter: the method on the default scenario
 * (resnet-broad on MNIST, the page's defaults) over a grid of learning rate × parameter value,
 * picked as the results matrix picks — by ID validation accuracy at the last evaluation (OOD is
 * never looked at; ties → the smaller value). `--product` keeps only the points whose
 * lr × value lies in a range (for a parameter that scales the learning rate, the range a paper's
 * sweep covers). One JSON line per run; resumable (docs/results.md gives the commands of the studies
 * behind the defaults). For example:
 *   npx tsx scripts/results/paramStudy.ts --kind lp-ft --param lpSteps --values 50,150,300 --lrs 3e-5,1e-4
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/engine/config/defaults';
import { readPath, withPath } from '../../src/engine/config/paths';
import type { MethodKind, RunConfig } from '../../src/engine/config/schema';
import { baseSpec } from '../../src/engine/methods/specs';
import { runTraining } from '../../src/engine/training/run';
import { publicDirReader } from '../node/fileAssets';
import { useNodeBackend } from '../node/tfNode';

const { values } = parseArgs({
  options: {
    kind: { type: 'string' }, param: { type: 'string' }, values: { type: 'string' }, lrs: { type: 'string' },
    product: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '0' },
  },
});
if (!values.kind || !baseSpec(values.kind)) throw new Error('--kind <a base method id>');
if (!values.param || readPath(DEFAULT_CONFIG.method, values.param) === undefined) throw new Error(`--param <a path under method, e.g. ${baseSpec(values.kind)!.params[0]?.path ?? 'lpLr'}>`);
const numbers = (s: string | undefined, name: string) => {
  const list = (s ?? '').split(',').filter(Boolean).map(Number);
  if (!list.length || list.some((v) => !Number.isFinite(v))) throw new Error(`--${name} a,b,c (numbers)`);
  return list;
};
const kind = values.kind as MethodKind;
const grid = numbers(values.values, 'values');
const lrs = numbers(values.lrs, 'lrs');
const [lo, hi] = values.product ? numbers(values.product, 'product') : [0, Number.POSITIVE_INFINITY];
const out = values.out ?? `runs/studies/${kind}-${values.param.replace(/\W+/g, '-')}.jsonl`;
const seed = Number(values.seed);

interface Row { kind: string; param: string; lr: number; value: number; seed: number; valAcc: number; idAcc: number; oodMean: number; status: string; seconds: number }
/** the older study file named the value by its parameter ("headLrScale") */
const valueOf = (r: Row & Record<string, unknown>) => (r.value ?? r[values.param!.split('.').pop()!]) as number;

await useNodeBackend('wasm');
mkdirSync(dirname(out), { recursive: true });
const done: Row[] = existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((r) => ({ ...r, value: valueOf(r) })) : [];
for (const lr of lrs) {
  for (const value of grid) {
    const product = lr * value;
    if (product < lo / 1.0001 || product > hi * 1.0001) continue;
    if (done.some((r) => r.lr === lr && r.value === value && r.seed === seed)) continue;
    const method = withPath({ ...DEFAULT_CONFIG.method, kind }, values.param, value);
    const config: RunConfig = { ...DEFAULT_CONFIG, seed, lr, method };
    const s = await runTraining(config, { reader: publicDirReader(), emit: () => undefined, control: { checkpoint: async () => false } });
    const row: Row = {
      kind, param: values.param, lr, value, seed, valAcc: s.last?.valAcc ?? Number.NaN, idAcc: s.last?.idAcc ?? Number.NaN,
      oodMean: s.last?.oodMean ?? Number.NaN, status: s.status, seconds: Math.round(s.seconds),
    };
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    done.push(row);
    console.log(JSON.stringify(row));
  }
}
const rows = done.filter((r) => r.seed === seed && r.status === 'completed');
const best = rows.reduce<Row | null>((b, r) => (!b || r.valAcc > b.valAcc || (r.valAcc === b.valAcc && r.value < b.value) ? r : b), null);
console.log(`| lr | ${values.param} | lr × value | val % | ID % | OOD mean % |\n|---|---|---|---|---|---|`);
for (const r of rows) console.log(`| ${r.lr} | ${r.value} | ${Number((r.lr * r.value).toPrecision(3))} | ${(r.valAcc * 100).toFixed(1)} | ${(r.idAcc * 100).toFixed(1)} | ${(r.oodMean * 100).toFixed(1)} |`);
if (best) console.log(`chosen on ID validation: lr ${best.lr}, ${values.param} ${best.value}`);
