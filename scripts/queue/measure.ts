/**
 * The queue's measured figures (docs/queue.md): one 16-run sweep of the double-descent lab at small
 * size in-process and through a throwaway Redis with 2 local workers (wall times and their ratio,
 * the results compared), the coordinator's own time per job, and a kill run (a worker SIGKILLed
 * mid-run: runs retried, duplicates, lost). For each part: the CPU time of our processes and of the
 * whole machine (Linux /proc), so the load of other work on a shared machine is on record.
 *   npx tsx scripts/queue/measure.ts [--epochs 20] [--skip-kill]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
const TICKS_PER_S = 100; // Linux USER_HZ

/** Busy and total jiffies of all cores together (/proc/stat). */
function machineTimes(): { busy: number; all: number } {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const all = f.reduce((a, b) => a + b, 0);
  return { busy: all - f[3] - f[4], all };
}

/** CPU jiffies (user + system) of processes and all their descendants during a part, sampled twice a second; an exited process keeps its last sample. */
class TreeCpu {
  private readonly last = new Map<number, number>();
  /** what the processes alive at the start had used before it */
  private readonly before: Map<number, number>;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly roots: () => number[]) {
    this.sample();
    this.before = new Map(this.last);
    this.timer = setInterval(() => this.sample(), 500);
  }
  sample(): void {
    const stats = new Map<number, { ppid: number; cpu: number }>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const text = readFileSync(`/proc/${name}/stat`, 'utf8');
        const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
        stats.set(Number(name), { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) });
      } catch { /* gone */ }
    }
    const ours = new Set(this.roots());
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, st] of stats) if (!ours.has(pid) && ours.has(st.ppid)) { ours.add(pid); grew = true; }
    }
    for (const pid of ours) { const st = stats.get(pid); if (st) this.last.set(pid, st.cpu); }
  }
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    let total = 0;
    for (const [pid, cpu] of this.last) total += cpu - (this.before.get(pid) ?? 0);
    return total / TICKS_PER_S;
  }
}

/** Runs a part: its wall time, our CPU time (its process trees) and everybody's (the machine's busy time). */
async function part(name: string, roots: () => number[], run: () => Promise<unknown>): Promise<number> {
  const cpu = new TreeCpu(roots);
  const m0 = machineTimes();
  const t0 = performance.now();
  await run();
  const wall = (performance.now() - t0) / 1000;
  const ours = cpu.stop();
  const m1 = machineTimes();
  const cores = cpus().length;
  const busy = (m1.busy - m0.busy) / TICKS_PER_S;
  console.log(`${name}: ${wall.toFixed(1)} s wall; our processes ${ours.toFixed(0)} CPU-s (${(ours / wall).toFixed(2)} cores on average), ` +
    `the whole machine ${busy.toFixed(0)} CPU-s busy of ${(cores * wall).toFixed(0)} (others ≈ ${Math.max(0, busy - ours).toFixed(0)} CPU-s); load now ${load()}`);
  return wall;
}

async function succeeded(p: Proc): Promise<void> {
  const { code } = await p.exit;
  if (code !== 0) throw new Error(`exit ${code}:\n${p.out.slice(-3000)}`);
}
const records = (path: string) => parseSweepLines(readFileSync(path, 'utf8'));
const same = (a: SweepRecord[], b: SweepRecord[]) => {
  const strip = ({ seconds: _s, sweep: _n, ...r }: SweepRecord) => JSON.stringify(r);
  const byKey = new Map(b.map((r) => [pointKey(r.point), strip(r)]));
  return a.length === b.length && a.every((r) => byKey.get(pointKey(r.point)) === strip(r));
};

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}; sweep: ${SWEEP.join(' ')} (16 runs)`);
console.log(`load average (1, 5, 15 min) at start: ${load()}`);

const inOut = join(dir, 'in-process.jsonl');
const sweepHere = new Proc('scripts/sweep.ts', [...SWEEP, '--name', 'measure', '--out', inOut]);
const inProcess = await part('in-process', () => [sweepHere.pid], () => succeeded(sweepHere));

const redis = await startRedis();
const workers = [startWorker(redis.url, 'w1', { extra: ['--lock-ms', '30000', '--stalled-ms', '30000'] }), startWorker(redis.url, 'w2', { extra: ['--lock-ms', '30000', '--stalled-ms', '30000'] })];
try {
  await Promise.all(workers.map((w) => w.waitFor(/Ctrl-C stops it/)));
  const qOut = join(dir, 'queue.jsonl');
  const coord = new Proc('scripts/sweep.ts', [...SWEEP, '--name', 'measure', '--out', qOut, '--queue', redis.url]);
  const viaQueue = await part('2 workers through Redis', () => [coord.pid, redis.process.pid!, ...workers.map((w) => w.pid)], () => succeeded(coord));
  console.log(`ratio queue / in-process: ${(viaQueue / inProcess).toFixed(2)}`);
  console.log(`results equal to the in-process sweep's (all but the seconds field): ${same(records(qOut), records(inOut))}`);
  console.log(`coordinator: ${coord.out.match(/coordinator time per job: .*/)?.[0]}`);
  console.log(`runs per worker: ${workers.map((w) => `${w.count(/ done +sweep\./)}`).join(' + ')}`);
  const mean = (rs: SweepRecord[]) => (rs.reduce((a, r) => a + r.seconds, 0) / rs.length).toFixed(1);
  console.log(`engine time per run (mean of the records' seconds): ${mean(records(inOut))} s in-process, ${mean(records(qOut))} s through the queue`);
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
    await succeeded(coord);
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
