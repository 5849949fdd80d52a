/**
 * The queue's measured figures (docs/queue.md): one 16-run sweep of the double-descent lab at small
 * size in-process and through a throwaway Redis with 2 local workers (wall times and their ratio,
 * the results compared), the coordinator's own time per job, and a kill run (a worker SIGKILLed
 * mid-run: runs retried, duplicates, lost). Prints the load average before and after each part.
 *   npx tsx scripts/queue/measure.ts [--epochs 20] [--skip-kill]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseSweepLines, type SweepRecord } from '../../src/engine/sweep/record';
import { pointKey } from '../../src/engine/sweep/spec';
import { startRedis } from '../test/findRedis';
import { Proc, startWorker } from './testing';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '20' }, 'skip-kill': { type: 'boolean', default: false } } });
const SWEEP = ['--sources', 'mlp-digits04,mlp-clothing5', '--k', '0,1,2,3', '--sizes', '250,500', '--noise', '0.2', '--epochs', values.epochs!];
const dir = mkdtempSync(join(tmpdir(), 'ftp-queue-measure-'));
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
/** Jiffies of all cores, busy and in all (Linux /proc/stat): how busy the whole machine was during a part, ours and others' work together. */
const cpuTimes = () => {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = f[3] + f[4];
  const all = f.reduce((a, b) => a + b, 0);
  return { busy: all - idle, all };
};
const busySince = (t0: ReturnType<typeof cpuTimes>) => {
  const t1 = cpuTimes();
  return `${((100 * (t1.busy - t0.busy)) / (t1.all - t0.all)).toFixed(0)} % of both cores busy`;
};
const records = (path: string) => parseSweepLines(readFileSync(path, 'utf8'));
const same = (a: SweepRecord[], b: SweepRecord[]) => {
  const strip = ({ seconds: _s, sweep: _n, ...r }: SweepRecord) => JSON.stringify(r);
  const byKey = new Map(b.map((r) => [pointKey(r.point), strip(r)]));
  return a.length === b.length && a.every((r) => byKey.get(pointKey(r.point)) === strip(r));
};

let phase = cpuTimes();
async function timed(p: Proc): Promise<number> {
  phase = cpuTimes();
  const t0 = performance.now();
  const { code } = await p.exit;
  if (code !== 0) throw new Error(`exit ${code}:\n${p.out.slice(-3000)}`);
  return (performance.now() - t0) / 1000;
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}; sweep: ${SWEEP.join(' ')} (16 runs)`);
console.log(`load average (1, 5, 15 min) at start: ${load()}`);

const inOut = join(dir, 'in-process.jsonl');
const inProcess = await timed(new Proc('scripts/sweep.ts', [...SWEEP, '--name', 'measure', '--out', inOut]));
console.log(`in-process: ${inProcess.toFixed(1)} s wall (${busySince(phase)}; load now ${load()})`);

const redis = await startRedis();
const workers = [startWorker(redis.url, 'w1', { extra: ['--lock-ms', '30000', '--stalled-ms', '30000'] }), startWorker(redis.url, 'w2', { extra: ['--lock-ms', '30000', '--stalled-ms', '30000'] })];
try {
  await Promise.all(workers.map((w) => w.waitFor(/Ctrl-C stops it/)));
  const qOut = join(dir, 'queue.jsonl');
  const coord = new Proc('scripts/sweep.ts', [...SWEEP, '--name', 'measure', '--out', qOut, '--queue', redis.url]);
  const viaQueue = await timed(coord);
  console.log(`2 workers through Redis: ${viaQueue.toFixed(1)} s wall (${busySince(phase)}; load now ${load()})`);
  console.log(`ratio queue / in-process: ${(viaQueue / inProcess).toFixed(2)}`);
  console.log(`results equal to the in-process sweep's (all but the seconds field): ${same(records(qOut), records(inOut))}`);
  console.log(`coordinator: ${coord.out.match(/coordinator time per job: .*/)?.[0]}`);
  console.log(`runs per worker: ${workers.map((w) => `${w.count(/ done +sweep\./)}`).join(' + ')}`);
} finally {
  await Promise.all(workers.map((w) => w.stop(5000)));
}

if (!values['skip-kill']) {
  // the kill run: the 8 runs of n = 250, short lock times; worker k1 is SIGKILLed 1 s into its second run
  const KILL = ['--sources', 'mlp-digits04,mlp-clothing5', '--k', '0,1,2,3', '--sizes', '250', '--noise', '0.2', '--epochs', values.epochs!];
  const [a, b] = [startWorker(redis.url, 'k1'), startWorker(redis.url, 'k2')];
  try {
    await Promise.all([a, b].map((w) => w.waitFor(/Ctrl-C stops it/)));
    const kOut = join(dir, 'kill.jsonl');
    const coord = new Proc('scripts/sweep.ts', [...KILL, '--name', 'kill', '--out', kOut, '--queue', redis.url]);
    const m = await a.waitFor(/start +\S+: sweep "kill"[^\n]*\n[\s\S]*start +(\S+): sweep "kill"/, 300_000);
    await new Promise((r) => setTimeout(r, 1000));
    a.child.kill('SIGKILL');
    await timed(coord);
    const rs = records(kOut);
    const keys = rs.map((r) => pointKey(r.point));
    const retried = b.count(/\(attempt [2-9]\)/);
    console.log(`kill run: worker k1 SIGKILLed during job ${m[1]}; runs retried: ${retried}; records ${rs.length} of 8; duplicates: ${keys.length - new Set(keys).size}; lost: ${8 - new Set(keys).size}; equal to the in-process results: ${same(rs, records(inOut).filter((r) => r.point.trainSize === 250))}`);
  } finally {
    await Promise.all([a, b].map((w) => w.stop(5000)));
  }
}
await redis.stop();
rmSync(dir, { recursive: true, force: true });
console.log(`load average at end: ${load()}`);
